package dev.pop3x.server;

import java.util.Optional;
import java.util.function.Supplier;

import org.apache.james.protocols.netty.AbstractChannelPipelineFactory;
import org.apache.james.protocols.netty.ConnectionLimitUpstreamHandler;
import org.apache.james.protocols.netty.ConnectionPerIpLimitUpstreamHandler;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.netty.HandlerConstants;

import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.stream.ChunkedWriteHandler;

/**
 * The pipeline of a connection to pop3x's listener, every handler on the connection's event loop (James runs its
 * framer on an executor of its own, which reads on while lines queue):
 * <ol>
 * <li>James's connection limits ({@code <connectionLimit>}, {@code <connectionLimitPerIP>}), before anything else
 * is done for a connection;</li>
 * <li>the PROXY protocol header, when {@code <proxyRequired>};</li>
 * <li>TLS on the implicit-TLS port, its handshake bounded (STLS adds the same handler here later);</li>
 * <li>the writer of streamed replies, which reads a reply only as fast as the client takes it;</li>
 * <li>the {@link LineFramer}, which reads only for a line the session wants;</li>
 * <li>the core handler, which runs pop3x's handler chain.</li>
 * </ol>
 * Idle connections are closed by the session itself, which knows whether it is logged in. James's own pipeline is
 * not called ({@link AbstractChannelPipelineFactory} is extended because James's server class requires its type).
 */
final class Pop3xChannelInitializer extends AbstractChannelPipelineFactory<SocketChannel> {
    private final Optional<ConnectionLimitUpstreamHandler> connectionLimit;
    private final Optional<ConnectionPerIpLimitUpstreamHandler> connectionLimitPerIp;
    private final boolean proxyRequired;
    private final Supplier<Optional<Encryption>> implicitTls;
    private final Supplier<ChannelInboundHandlerAdapter> coreHandler;

    Pop3xChannelInitializer(int connectionLimit, int connectionLimitPerIp, boolean proxyRequired,
                            Supplier<Optional<Encryption>> implicitTls, Supplier<ChannelInboundHandlerAdapter> coreHandler) {
        super(null, null);
        this.connectionLimit = ConnectionLimitUpstreamHandler.forCount(connectionLimit);
        this.connectionLimitPerIp = ConnectionPerIpLimitUpstreamHandler.forCount(connectionLimitPerIp);
        this.proxyRequired = proxyRequired;
        this.implicitTls = implicitTls;
        this.coreHandler = coreHandler;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        connectionLimit.ifPresent(handler -> pipeline.addLast(HandlerConstants.CONNECTION_LIMIT_HANDLER, handler));
        connectionLimitPerIp.ifPresent(handler -> pipeline.addLast(HandlerConstants.CONNECTION_LIMIT_PER_IP_HANDLER, handler));
        if (proxyRequired) {
            pipeline.addLast(HandlerConstants.PROXY_HANDLER, new HAProxyMessageDecoder());
        }
        implicitTls.get().ifPresent(tls -> pipeline.addLast(HandlerConstants.SSL_HANDLER, tls.sslHandler()));
        pipeline.addLast(HandlerConstants.CHUNK_HANDLER, new ChunkedWriteHandler());
        pipeline.addLast(HandlerConstants.FRAMER, new LineFramer());
        pipeline.addLast(HandlerConstants.CORE_HANDLER, createHandler());
    }

    @Override
    protected ChannelInboundHandlerAdapter createHandler() {
        return coreHandler.get();
    }
}
