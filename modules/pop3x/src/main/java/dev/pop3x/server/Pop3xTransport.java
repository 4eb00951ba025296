package dev.pop3x.server;

import java.io.InputStream;

import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.netty.HandlerConstants;
import org.apache.james.protocols.netty.NettyProtocolTransport;

import dev.pop3x.protocol.wire.ReadOffLoop;
import dev.pop3x.protocol.wire.WholeOctets;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.stream.ChunkedWriteHandler;

/**
 * James's Netty transport, with readability meaning what a POP3 session means by it: whether it wants its next line.
 * James maps it to the channel's auto-read, which reads on regardless of what is handled; here it tells the
 * {@link LineFramer}, which reads only for a line the session wants. A reply all in memory ({@link WholeOctets})
 * is written in one go; James writes every reply as a stream of chunks behind an empty line, two flushes at least.
 * A reply read as it is sent, from a file or a store ({@link ReadOffLoop}), is read ahead off the event loop
 * ({@link ChunksReadAhead}), where James's chunked stream would read it on the event loop.
 */
final class Pop3xTransport extends NettyProtocolTransport {
    private final Channel channel;
    private final LineFramer framer;

    Pop3xTransport(Channel channel, Encryption encryption, boolean proxyRequired, LineFramer framer) {
        super(channel, encryption, proxyRequired);
        this.channel = channel;
        this.framer = framer;
    }

    @Override
    protected void writeToClient(byte[] bytes, ProtocolSession session, boolean startTLS) {
        // James writes a stream reply's lines first: pop3x's replies have none
        if (bytes.length > 0 || startTLS) {
            super.writeToClient(bytes, session, startTLS);
        }
    }

    @Override
    protected void writeToClient(InputStream in, ProtocolSession session, boolean startTLS) {
        if (!startTLS && in instanceof ReadOffLoop) {
            channel.writeAndFlush(new ChunksReadAhead((ReadOffLoop) in, this::resumeChunks));
            return;
        }
        if (startTLS || !(in instanceof WholeOctets)) {
            super.writeToClient(in, session, startTLS);
            return;
        }
        WholeOctets whole = (WholeOctets) in;
        channel.writeAndFlush(Unpooled.wrappedBuffer(whole.parts().toArray(new byte[0][]))).addListener(written -> {
            if (written.isSuccess()) {
                whole.sent();
            }
        });
    }

    /** Parts of a reply read off the event loop are ready: the chunked writer goes on sending (from any thread). */
    private void resumeChunks() {
        ChannelHandler chunks = channel.pipeline().get(HandlerConstants.CHUNK_HANDLER);
        if (chunks instanceof ChunkedWriteHandler) {
            ((ChunkedWriteHandler) chunks).resumeTransfer();
        }
    }

    @Override
    public void setReadable(boolean readable) {
        framer.want(readable);
    }

    @Override
    public boolean isReadable() {
        return framer.wanted();
    }
}
