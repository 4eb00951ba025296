package dev.pop3x.server;

import java.io.FileNotFoundException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.RunArguments;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.protocols.lib.SslConfig;
import org.apache.james.protocols.lib.handler.ProtocolHandlerLoader;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.utils.KeystoreCreator;
import org.apache.james.utils.UserDefinedStartable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.protocol.Pop3xHandlers;

/**
 * pop3x's POP3 listeners, one per enabled {@code <pop3server>} of {@code pop3xserver.xml}, started with James from
 * {@code extensions.properties} ({@code guice.extension.startable=dev.pop3x.server.Pop3xServers}) and stopped with it.
 * James's own {@code pop3server.xml} listeners must not run pop3x's handler chain: James's pipeline reads a
 * connection whatever its session wants, so start-up fails, naming the element, when one does.
 */
@Singleton
public final class Pop3xServers implements UserDefinedStartable {
    private static final Logger LOGGER = LoggerFactory.getLogger(Pop3xServers.class);

    private final ConfigurationProvider configurations;
    private final ProtocolHandlerLoader handlerLoader;
    private final FileSystem fileSystem;
    private final RunArguments runArguments;
    private final KeystoreCreator keystoreCreator;
    private final List<Pop3xServer> servers = new ArrayList<>();

    @Inject
    public Pop3xServers(ConfigurationProvider configurations, ProtocolHandlerLoader handlerLoader, FileSystem fileSystem,
                        RunArguments runArguments, KeystoreCreator keystoreCreator) {
        this.configurations = configurations;
        this.handlerLoader = handlerLoader;
        this.fileSystem = fileSystem;
        this.runArguments = runArguments;
        this.keystoreCreator = keystoreCreator;
    }

    @Override
    public synchronized void start() {
        try {
            refuseJamesListenersWithPop3xChain(configurations.getConfiguration("pop3server"));
            for (HierarchicalConfiguration<ImmutableNode> element : configurations.getConfiguration("pop3xserver").configurationsAt("pop3server")) {
                generateKeystoreIfAsked(element);
                Pop3xServer server = new Pop3xServer();
                server.setProtocolHandlerLoader(handlerLoader);
                server.setFileSystem(fileSystem);
                server.configure(element);
                if (server.isEnabled()) {
                    server.init();
                    servers.add(server);
                    LOGGER.info("pop3x POP3 listener on {}", server.getListenAddresses());
                }
            }
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("Cannot start pop3x's POP3 listeners (" + Pop3xServer.FILE + "): " + e.getMessage(), e);
        }
        if (servers.isEmpty()) {
            LOGGER.warn("{} enables no POP3 listener: pop3x serves no POP3 client", Pop3xServer.FILE);
        }
    }

    /**
     * James started with {@code --generate-keystore} creates a self-signed keystore for each of its listeners that
     * names a missing one; pop3x's listeners get the same.
     */
    private void generateKeystoreIfAsked(HierarchicalConfiguration<ImmutableNode> element) throws Exception {
        if (!runArguments.contain(RunArguments.Argument.GENERATE_KEYSTORE) || !element.getBoolean("[@enabled]", true)) {
            return;
        }
        SslConfig tls = SslConfig.parse(element);
        if (tls.getKeystore() != null && !exists(tls.getKeystore())) {
            LOGGER.info("Generating a self-signed keystore {} for a pop3x POP3 listener (--generate-keystore)", tls.getKeystore());
            keystoreCreator.generateKeystore(tls.getKeystore(), tls.getSecret(), tls.getKeystoreType());
        }
    }

    private boolean exists(String file) {
        try {
            return fileSystem.getFile(file).exists();
        } catch (FileNotFoundException e) {
            return false;
        }
    }

    private static void refuseJamesListenersWithPop3xChain(HierarchicalConfiguration<ImmutableNode> pop3servers) throws ConfigurationException {
        for (HierarchicalConfiguration<ImmutableNode> element : pop3servers.configurationsAt("pop3server")) {
            boolean enabled = element.getBoolean("[@enabled]", true);
            String chain = element.getString("handlerchain[@coreHandlersPackage]", "");
            if (enabled && chain.equals(Pop3xHandlers.class.getName())) {
                throw new ConfigurationException("pop3server.xml: the <pop3server> bound to " + element.getString("bind", "0.0.0.0:110")
                    + " runs pop3x's handler chain on James's own listener, which reads connections unbounded; move it to "
                    + Pop3xServer.FILE + " and set <pop3server enabled=\"false\"> in pop3server.xml");
            }
        }
    }

    @PreDestroy
    public synchronized void stop() {
        for (Pop3xServer server : servers) {
            server.destroy();
        }
        servers.clear();
    }

    /** The listeners running, in {@code pop3xserver.xml}'s order. */
    public synchronized List<Pop3xServer> servers() {
        return List.copyOf(servers);
    }

    /** The ports the listeners are bound to, in {@code pop3xserver.xml}'s order. */
    public synchronized List<Integer> ports() {
        return servers.stream()
            .flatMap(server -> server.getListenAddresses().stream())
            .map(InetSocketAddress::getPort)
            .collect(Collectors.toUnmodifiableList());
    }

    /** Reads the TLS keystores again, for the connections to come (as James's {@code POST /servers?reload-certificate}). */
    public synchronized int reloadCertificates() throws Exception {
        int reloaded = 0;
        for (Pop3xServer server : servers) {
            if (server.getEncryption() != null) {
                server.reloadSSLCertificate();
                reloaded++;
            }
        }
        return reloaded;
    }
}
