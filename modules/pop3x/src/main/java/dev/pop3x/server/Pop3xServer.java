package dev.pop3x.server;

import java.time.Duration;
import java.util.Optional;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.pop3server.netty.POP3Server;
import org.apache.james.protocols.lib.handler.HandlersPackage;
import org.apache.james.protocols.netty.AbstractChannelPipelineFactory;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.pop3.POP3Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.auth.AuthSettings;
import dev.pop3x.protocol.ListenerSettings;
import dev.pop3x.protocol.Pop3xHandlers;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;

/**
 * One of pop3x's POP3 listeners, configured by a {@code <pop3server>} element of {@code pop3xserver.xml} (the
 * shape of James's {@code pop3server.xml}, with pop3x's keys): James's POP3 server with a pipeline of pop3x's
 * ({@link Pop3xChannelInitializer}): the connection is read only for a line the session wants, the TLS handshake is
 * bounded, and the session closes an idle connection itself. Its handler chain is pop3x's
 * ({@link Pop3xHandlers}) unless {@code <handlerchain>} names another.
 *
 * <p>Keys read besides James's ({@code bind}, {@code tls}, {@code helloName}, {@code connectionLimit},
 * {@code connectionLimitPerIP}, {@code proxyRequired}, {@code ioWorkerCount}...):
 * <ul>
 * <li>{@code connectiontimeout}: seconds a logged-in session may be idle (default 600, RFC 1939's minimum);</li>
 * <li>{@code loginTimeout}: seconds a connection may be idle before it logs in (default 180, Dovecot's);</li>
 * <li>{@code handshakeTimeout}: seconds a TLS handshake may take, implicit or after STLS (default 10);</li>
 * <li>{@code auth}: the {@link AuthSettings} block.</li>
 * </ul>
 */
public final class Pop3xServer extends POP3Server {
    private static final Logger LOGGER = LoggerFactory.getLogger(Pop3xServer.class);
    static final String FILE = "pop3xserver.xml";
    /** Octets asked of the socket per read: a few command lines (a TLS record may give up to 16 KB). */
    private static final int READ_OCTETS = 2048;

    private ListenerSettings settings;
    private Duration handshakeTimeout;
    private POP3Protocol protocol;

    @Override
    protected void doConfigure(HierarchicalConfiguration<ImmutableNode> config) throws ConfigurationException {
        Duration idle = seconds(config, "connectiontimeout", (int) ListenerSettings.RFC_1939_MINIMUM_IDLE.toSeconds());
        if (idle.compareTo(ListenerSettings.RFC_1939_MINIMUM_IDLE) < 0) {
            LOGGER.warn("{}: <connectiontimeout>{}</connectiontimeout> is below RFC 1939's minimum of 600 seconds for a "
                + "logged-in session", FILE, idle.toSeconds());
        }
        settings = new ListenerSettings(getHelloName(), AuthSettings.parse(config), seconds(config, "loginTimeout", 180), idle);
        handshakeTimeout = seconds(config, "handshakeTimeout", 10);
        super.doConfigure(withHandlerChain(config));
    }

    private static Duration seconds(HierarchicalConfiguration<ImmutableNode> config, String key, int defaultSeconds)
        throws ConfigurationException {
        String text = config.getString(key, String.valueOf(defaultSeconds)).trim();
        try {
            int seconds = Integer.parseInt(text);
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ConfigurationException(FILE + ": <" + key + "> must be a positive number of seconds, not '" + text + "'");
    }

    /** James reads the chain from {@code <handlerchain>}: an element without one gets pop3x's, James's defaults. */
    private static HierarchicalConfiguration<ImmutableNode> withHandlerChain(HierarchicalConfiguration<ImmutableNode> config) {
        if (!config.configurationsAt("handlerchain").isEmpty()) {
            return config;
        }
        BaseHierarchicalConfiguration completed = new BaseHierarchicalConfiguration(config);
        completed.addProperty("handlerchain[@enableJmx]", false);
        return completed;
    }

    @Override
    protected Class<? extends HandlersPackage> getCoreHandlersPackage() {
        return Pop3xHandlers.class;
    }

    @Override
    protected String getDefaultJMXName() {
        return "pop3xserver";
    }

    @Override
    public String getServiceType() {
        return "pop3x POP3 Service";
    }

    @Override
    protected void preInit() throws Exception {
        super.preInit();
        protocol = new POP3Protocol(getProtocolHandlerChain(), settings);
    }

    /** Nothing is read that was not asked for, from the first byte on; reads are small. */
    @Override
    protected void configureBootstrap(ServerBootstrap bootstrap) {
        super.configureBootstrap(bootstrap);
        bootstrap.childOption(ChannelOption.AUTO_READ, false);
        bootstrap.childOption(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(READ_OCTETS));
    }

    @Override
    protected Encryption getEncryption() {
        Encryption encryption = super.getEncryption();
        return encryption == null ? null : new HandshakeTimeout(encryption, handshakeTimeout);
    }

    @Override
    protected ChannelInboundHandlerAdapter createCoreHandler() {
        return new Pop3xChannelHandler(protocol, getEncryption(), proxyRequired);
    }

    @Override
    protected AbstractChannelPipelineFactory createPipelineFactory() {
        return new Pop3xChannelInitializer(connectionLimit, connPerIP, proxyRequired, this::implicitTls, this::createCoreHandler);
    }

    private Optional<Encryption> implicitTls() {
        return Optional.ofNullable(getEncryption()).filter(tls -> tls.supportsEncryption() && !tls.isStartTLS());
    }

    /** What a session of this listener is told of it. */
    public ListenerSettings settings() {
        return settings;
    }
}
