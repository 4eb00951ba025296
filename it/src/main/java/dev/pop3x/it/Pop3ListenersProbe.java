package dev.pop3x.it;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.apache.james.pop3server.netty.POP3ServerFactory;
import org.apache.james.protocols.lib.netty.AbstractConfigurableAsyncServer;
import org.apache.james.utils.ClassName;
import org.apache.james.utils.GuiceGenericLoader;
import org.apache.james.utils.GuiceProbe;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;

import dev.pop3x.server.Pop3xServers;

/**
 * The ports of every POP3 listener: pop3x's (pop3xserver.xml), found through the extension's injector, then James's
 * own enabled ones (pop3server.xml: stock James), each in its file's order. Added to a server, with
 * {@link JamesHomeProbe} and {@link MetricsProbe}, by {@link #MODULE}.
 */
public final class Pop3ListenersProbe implements GuiceProbe {
    public static final Module MODULE = binder -> {
        Multibinder<GuiceProbe> probes = Multibinder.newSetBinder(binder, GuiceProbe.class);
        probes.addBinding().to(Pop3ListenersProbe.class);
        probes.addBinding().to(JamesHomeProbe.class);
        probes.addBinding().to(MetricsProbe.class);
    };

    private final POP3ServerFactory jamesListeners;
    private final GuiceGenericLoader extensions;

    @Inject
    Pop3ListenersProbe(POP3ServerFactory jamesListeners, GuiceGenericLoader extensions) {
        this.jamesListeners = jamesListeners;
        this.extensions = extensions;
    }

    public List<Integer> ports() {
        Stream<Integer> stock = jamesListeners.getServers().stream()
            .filter(AbstractConfigurableAsyncServer::isEnabled)
            .flatMap(server -> server.getListenAddresses().stream())
            .map(InetSocketAddress::getPort);
        return Stream.concat(pop3x().ports().stream(), stock).collect(Collectors.toList());
    }

    /** pop3x's listeners, as the extension's injector holds them. */
    public Pop3xServers pop3x() {
        try {
            return extensions.instantiate(new ClassName(Pop3xServers.class.getName()));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("pop3x is not loaded in this James", e);
        }
    }
}
