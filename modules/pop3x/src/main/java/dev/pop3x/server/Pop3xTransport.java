package dev.pop3x.server;

import org.apache.james.protocols.netty.Encryption;
import org.apache.james.protocols.netty.NettyProtocolTransport;

import io.netty.channel.Channel;

/**
 * James's Netty transport, with readability meaning what a POP3 session means by it: whether it wants its next line.
 * James maps it to the channel's auto-read, which reads on regardless of what is handled; here it tells the
 * {@link LineFramer}, which reads only for a line the session wants.
 */
final class Pop3xTransport extends NettyProtocolTransport {
    private final LineFramer framer;

    Pop3xTransport(Channel channel, Encryption encryption, boolean proxyRequired, LineFramer framer) {
        super(channel, encryption, proxyRequired);
        this.framer = framer;
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
