package dev.pop3x.protocol.wire;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Streams read one after the other, each read filled as far as the parts allow. James hands a reply stream to
 * Netty's {@code ChunkedStream}, which makes one chunk, and one flush (a system call), of each read, sized by
 * {@link #available()}: a status line, a 4 KB message and its terminator then leave in one write instead of three.
 *
 * <p>A part is closed as soon as it is read to its end: Netty closes the whole stream only once its last chunk
 * is written to the socket, and a client that does not read would otherwise keep a file open for every reply
 * waiting in Netty's outbound buffer.
 */
public final class Concatenation extends InputStream {
    /** What {@link #available()} promises while a part's length is unknown: Netty's chunk size. */
    private static final int UNKNOWN_AVAILABLE = 8192;

    private final List<InputStream> parts;
    private int current;

    public Concatenation(List<InputStream> parts) {
        this.parts = List.copyOf(parts);
    }

    @Override
    public int read() throws IOException {
        while (current < parts.size()) {
            int b = parts.get(current).read();
            if (b != -1) {
                return b;
            }
            next();
        }
        return -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int filled = 0;
        while (filled < length && current < parts.size()) {
            int read = parts.get(current).read(buffer, offset + filled, length - filled);
            if (read == -1) {
                next();
            } else {
                filled += read;
            }
        }
        return filled == 0 ? -1 : filled;
    }

    private void next() throws IOException {
        InputStream done = parts.get(current);
        current++;
        done.close();
    }

    /**
     * At least what the parts have buffered; at most {@link #UNKNOWN_AVAILABLE} more while parts remain. An estimate
     * for sizing reads, as {@link InputStream#available()} allows: reads never block on anything but the parts.
     */
    @Override
    public int available() throws IOException {
        return current < parts.size() ? Math.max(UNKNOWN_AVAILABLE, parts.get(current).available()) : 0;
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (InputStream part : parts) {
            try {
                part.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
