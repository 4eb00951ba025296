package dev.pop3x.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;

import javax.net.ssl.SSLException;

import org.apache.james.protocols.api.Protocol;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.netty.BasicChannelInboundHandler;
import org.apache.james.protocols.netty.CommandInjectionDetectedException;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.netty.ProtocolMDCContextFactory;
import org.apache.james.util.MDCBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/**
 * James's channel handler, which runs the protocol's handler chain for each line, with what pop3x's listener changes:
 * sessions read through a {@link Pop3xTransport} (lines on demand), the logging context carries the client's address
 * and no host name (a reverse DNS lookup per connection would run on the event loop), and what the network does to
 * a connection (a client that resets it, a TLS handshake refused or timed out) is one INFO line with the address and
 * the reason, not James's ERROR stack trace.
 */
final class Pop3xChannelHandler extends BasicChannelInboundHandler {
    private static final Logger LOGGER = LoggerFactory.getLogger(Pop3xChannelHandler.class);

    private final Encryption encryption;

    Pop3xChannelHandler(Protocol protocol, Encryption encryption, boolean proxyRequired) {
        super(new AddressOnly(), protocol, encryption, proxyRequired);
        this.encryption = encryption;
    }

    @Override
    protected ProtocolSession createSession(ChannelHandlerContext ctx) {
        return protocol.newSession(new Pop3xTransport(ctx.channel(), encryption, proxyRequired, ctx.pipeline().get(LineFramer.class)));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent && !((SslHandshakeCompletionEvent) event).isSuccess()) {
            LOGGER.info("TLS handshake with {} failed: {}", address(ctx), reason(((SslHandshakeCompletionEvent) event).cause()));
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (cause instanceof CommandInjectionDetectedException) {
            // pop3x's dispatcher logged the line sent in the clear behind STLS
            ctx.close();
        } else if (tlsFailure(cause)) {
            // logged once, by the handshake's completion event, when it happened during the handshake
            if (handshakeDone(ctx)) {
                LOGGER.info("TLS from {} failed: {}", address(ctx), reason(cause));
            }
            ctx.close();
        } else if (cause instanceof IOException) {
            LOGGER.info("Connection from {} lost: {}", address(ctx), reason(cause));
            ctx.close();
        } else {
            super.exceptionCaught(ctx, cause);
        }
    }

    private static boolean tlsFailure(Throwable cause) {
        return cause instanceof SSLException || cause instanceof DecoderException && cause.getCause() instanceof SSLException;
    }

    private static boolean handshakeDone(ChannelHandlerContext ctx) {
        return Optional.ofNullable(ctx.pipeline().get(SslHandler.class))
            .map(ssl -> ssl.handshakeFuture().isSuccess())
            .orElse(true);
    }

    private static String reason(Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String address(ChannelHandlerContext ctx) {
        SocketAddress remote = ctx.channel().remoteAddress();
        return remote instanceof InetSocketAddress ? ((InetSocketAddress) remote).getAddress().getHostAddress() : String.valueOf(remote);
    }

    /** James's logging context for a connection, with the client's address and without a reverse DNS lookup. */
    private static final class AddressOnly implements ProtocolMDCContextFactory {
        @Override
        public MDCBuilder onBound(Protocol protocol, ChannelHandlerContext ctx) {
            return MDCBuilder.create()
                .addToContext(MDCBuilder.PROTOCOL, protocol.getName())
                .addToContext(MDCBuilder.IP, address(ctx));
        }

        @Override
        public MDCBuilder withContext(ProtocolSession session) {
            return ProtocolMDCContextFactory.forSession(session);
        }
    }
}
