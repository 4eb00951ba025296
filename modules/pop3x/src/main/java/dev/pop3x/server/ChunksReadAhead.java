package dev.pop3x.server;

import java.io.IOException;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.protocol.wire.ReadOffLoop;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;

/**
 * A reply read off the event loop ({@link ReadOffLoop}) as Netty's chunked writer sends it: the reply's reader (the
 * session's line of storage calls) reads up to {@value #AHEAD} parts of {@value #PART} octets ahead; the writer takes
 * them on the event loop while the connection is writable, and, when none is ready, waits for the reader to
 * {@linkplain #resume resume} it. A client that reads slowly costs at most those parts of memory, and no event loop
 * ever waits for a file or a store. A connection closed in the middle closes the stream on the reader.
 */
final class ChunksReadAhead implements ChunkedInput<ByteBuf> {
    private static final Logger LOGGER = LoggerFactory.getLogger(ChunksReadAhead.class);
    static final int PART = 64 * 1024;
    static final int AHEAD = 4;

    private final ReadOffLoop reply;
    private final Runnable resume;
    private final Queue<byte[]> ready = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean reading = new AtomicBoolean();
    private volatile boolean endReached;
    private volatile IOException failure;
    private volatile boolean closed;
    private long progress;

    /**
     * @param resume tells the chunked writer, from any thread, that parts are ready
     */
    ChunksReadAhead(ReadOffLoop reply, Runnable resume) {
        this.reply = reply;
        this.resume = resume;
        readAhead();
    }

    @Override
    public boolean isEndOfInput() throws IOException {
        if (failure != null) {
            throw failure;
        }
        return endReached && ready.isEmpty();
    }

    /** The next part read, or null when none is ready yet (the writer is resumed once one is). */
    @Override
    public ByteBuf readChunk(ByteBufAllocator allocator) throws IOException {
        byte[] part = ready.poll();
        if (part == null && failure != null) {
            throw failure;
        }
        readAhead();
        if (part == null) {
            return null;
        }
        progress += part.length;
        reply.handedOver(part.length);
        return Unpooled.wrappedBuffer(part);
    }

    @Override
    @Deprecated
    public ByteBuf readChunk(ChannelHandlerContext context) throws IOException {
        return readChunk(context.alloc());
    }

    /** Asks the reader for more, unless it is reading already, the parts ahead are enough, or the reply is all read. */
    private void readAhead() {
        if (!endReached && !closed && failure == null && ready.size() < AHEAD && reading.compareAndSet(false, true)) {
            reply.reader().execute(this::read);
        }
    }

    /** On the reader: reads parts until {@value #AHEAD} are ready or the reply ends, then resumes the writer. */
    private void read() {
        try {
            while (!closed && ready.size() < AHEAD) {
                byte[] part = new byte[PART];
                int read = reply.readNBytes(part, 0, PART);
                if (read > 0) {
                    ready.add(read == PART ? part : Arrays.copyOf(part, read));
                }
                if (read < PART) {
                    endReached = true;
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            failure = e instanceof IOException ? (IOException) e : new IOException(e);
        } finally {
            reading.set(false);
        }
        resume.run();
    }

    /** The connection is done with the reply (sent, or closed in the middle): the stream is closed on its reader. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            ready.clear();
            reply.reader().execute(this::closeOnReader);
        }
    }

    private void closeOnReader() {
        // queued after any read in progress: the session's storage calls run one at a time
        try {
            reply.close();
        } catch (IOException e) {
            LOGGER.debug("Closing a reply read ahead", e);
        }
    }

    @Override
    public long length() {
        return -1;
    }

    @Override
    public long progress() {
        return progress;
    }
}
