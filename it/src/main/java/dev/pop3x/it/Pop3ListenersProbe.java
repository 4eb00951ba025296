package dev.pop3x.it;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.pop3server.netty.POP3ServerFactory;
import org.apache.james.utils.GuiceProbe;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;

/**
 * The ports of every POP3 listener, in pop3server.xml's order (James's own probe tells the first only). Added to
 * a server, with {@link JamesHomeProbe} and {@link MetricsProbe}, by {@link #MODULE}.
 */
public final class Pop3ListenersProbe implements GuiceProbe {
    public static final Module MODULE = binder -> {
        Multibinder<GuiceProbe> probes = Multibinder.newSetBinder(binder, GuiceProbe.class);
        probes.addBinding().to(Pop3ListenersProbe.class);
        probes.addBinding().to(JamesHomeProbe.class);
        probes.addBinding().to(MetricsProbe.class);
    };

    private final POP3ServerFactory factory;

    @Inject
    Pop3ListenersProbe(POP3ServerFactory factory) {
        this.factory = factory;
    }

    public List<Integer> ports() {
        return factory.getServers().stream()
            .flatMap(server -> server.getListenAddresses().stream())
            .map(InetSocketAddress::getPort)
            .collect(Collectors.toList());
    }
}
