package dev.pop3x.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Cuts what a client sends into lines, one at a time and only on demand, on the connection's event loop. The
 * connection is read only when the session wants a line, none is buffered, and its replies move (the channel is
 * writable): the channel's auto-read is off, so nothing is read that was not asked for, from the first byte on. A
 * line is handed over, and handled, before the next one is cut. What is held per connection is at most one read and
 * one line ({@value #MAX_LINE} octets): a client that writes without reading fills its own socket buffers, not the
 * server's heap.
 *
 * <p>Lines keep their line end (CRLF, or a bare LF), as James's framer hands them over. A line longer than
 * {@value #MAX_LINE} octets is handed over cut at that length, without a line end, so that the session refuses it as
 * too long, and the rest of it, up to its line end, is dropped.
 */
final class LineFramer extends ChannelInboundHandlerAdapter {
    /** Octets of a line, line end included: what James's framer allows (an AUTH initial response may be long). */
    static final int MAX_LINE = 8192;

    private ByteBuf buffered;
    private ChannelHandlerContext context;
    private boolean wanted = true;
    private boolean reading;
    private boolean delivering;
    private boolean discarding;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        // the session greets first (the core handler's channelActive), then says whether it wants lines
        super.channelActive(ctx);
        deliver();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        release();
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        reading = false;
        if (!(msg instanceof ByteBuf)) {
            // a PROXY protocol header, decoded before any line
            ctx.fireChannelRead(msg);
            deliver();
            return;
        }
        ByteBuf read = (ByteBuf) msg;
        if (buffered == null) {
            buffered = read;
        } else {
            ByteBuf joined = ctx.alloc().buffer(buffered.readableBytes() + read.readableBytes());
            joined.writeBytes(buffered).writeBytes(read);
            buffered.release();
            read.release();
            buffered = joined;
        }
        deliver();
    }

    /**
     * A read ended, maybe without a line for this handler (a TLS record that held a handshake message, a PROXY header
     * not complete yet): read again if the session still wants a line. Not passed on: lines are handed over one by one.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        deliver();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        super.channelWritabilityChanged(ctx);
        deliver();
    }

    /** Whether the session wants lines now; when it wants them again, the next one is handed over (or read). */
    void want(boolean wantLines) {
        wanted = wantLines;
        if (wantLines && context != null && context.channel().isActive()) {
            if (context.executor().inEventLoop()) {
                deliver();
            } else {
                context.executor().execute(this::deliver);
            }
        }
    }

    boolean wanted() {
        return wanted;
    }

    /** Hands over lines while the session wants them and they are buffered; then reads when nothing is buffered. */
    private void deliver() {
        if (delivering || context == null) {
            return;
        }
        delivering = true;
        try {
            while (wanted && context.channel().isActive() && context.channel().isWritable()) {
                ByteBuf line = nextLine();
                if (line == null) {
                    if (!reading) {
                        reading = true;
                        context.read();
                    }
                    return;
                }
                context.fireChannelRead(line);
            }
        } finally {
            delivering = false;
        }
    }

    /** The next whole line, or the first {@value #MAX_LINE} octets of a longer one; null when more must be read. */
    private ByteBuf nextLine() {
        while (buffered != null) {
            int end = buffered.indexOf(buffered.readerIndex(), buffered.writerIndex(), (byte) '\n');
            if (discarding) {
                if (end < 0) {
                    release();
                    return null;
                }
                buffered.readerIndex(end + 1);
                discarding = false;
                compact();
                continue;
            }
            int length = end < 0 ? buffered.readableBytes() : end + 1 - buffered.readerIndex();
            if (length > MAX_LINE) {
                ByteBuf cut = buffered.readRetainedSlice(MAX_LINE);
                discarding = true;
                compact();
                return cut;
            }
            if (end < 0) {
                return null;
            }
            ByteBuf line = buffered.readRetainedSlice(length);
            compact();
            return line;
        }
        return null;
    }

    private void compact() {
        if (buffered != null && !buffered.isReadable()) {
            release();
        }
    }

    private void release() {
        if (buffered != null) {
            buffered.release();
            buffered = null;
        }
    }
}
