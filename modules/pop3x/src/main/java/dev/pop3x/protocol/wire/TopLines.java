package dev.pop3x.protocol.wire;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The part of a message TOP sends: the header section, the blank line that ends it, and the first {@code n} lines
 * of the body. Lines end at LF (so CRLF and bare LF alike); the stream ends after the n-th body line, or with the
 * message.
 */
public final class TopLines extends FilterInputStream {
    private final long bodyLines;
    private boolean inBody;
    private boolean lineIsBlank = true;
    private long bodyLinesSent;
    private boolean sourceEnded;

    public TopLines(InputStream message, long bodyLines) {
        super(message);
        this.bodyLines = bodyLines;
    }

    private boolean done() {
        return inBody && bodyLinesSent >= bodyLines;
    }

    @Override
    public int read() throws IOException {
        if (done()) {
            return -1;
        }
        int b = in.read();
        if (b == -1) {
            sourceEnded = true;
            return -1;
        }
        if (b == '\n') {
            if (inBody) {
                bodyLinesSent++;
            } else if (lineIsBlank) {
                inBody = true;
            }
            lineIsBlank = true;
        } else {
            if (b != '\r') {
                lineIsBlank = false;
            }
        }
        return b;
    }

    /** Whether the message ended before the line count did: TOP then sent all of it. */
    public boolean sentWholeMessage() {
        return sourceEnded;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int count = 0;
        while (count < length) {
            int b = read();
            if (b == -1) {
                return count == 0 ? -1 : count;
            }
            buffer[offset + count++] = (byte) b;
            if (b == '\n' && in.available() <= 0) {
                return count;
            }
        }
        return count;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n && read() != -1) {
            skipped++;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
