package dev.pop3x.protocol.wire;

import java.io.IOException;
import java.io.InputStream;

import dev.pop3x.maildrop.LineFeeds;

/**
 * A message as RETR and TOP send it (RFC 1939 section 3): every line end CRLF (a bare LF, as written by many
 * programs that store mail, becomes CRLF), a line starting with "." gets one more, and the last line ends with
 * CRLF. The terminating "." line is not included.
 *
 * <p>James 3.8.1 only fixes the last line end and stuffs only after CRLF, so a message stored with bare LF goes
 * out with bare LF, and its line "." would end the reply early.
 */
public final class Pop3Body extends InputStream {
    private static final int CHUNK = 8 * 1024;

    private final InputStream source;
    private final byte[] input;
    /** Each input byte becomes at most 2 output bytes ('.' stuffed at a line start, or CR before LF), and 2 to finish. */
    private final byte[] output;
    private int outputStart;
    private int outputEnd;
    private boolean atLineStart = true;
    private boolean afterCr;
    private boolean sourceEnded;
    private boolean empty = true;

    public Pop3Body(InputStream source) {
        this(source, CHUNK);
    }

    /** @param octetsHint about how long the message is, to size the buffers of small ones */
    public Pop3Body(InputStream source, long octetsHint) {
        this.source = source;
        int chunk = (int) Math.max(256, Math.min(CHUNK, octetsHint + 16));
        this.input = new byte[chunk];
        this.output = new byte[chunk * 2 + 2];
    }

    /**
     * A whole message encoded at once, as the stream would encode it: one pass to size the result, one to fill it a
     * line at a time, and nothing allocated but the result (for messages small enough to send whole).
     */
    public static byte[] encode(byte[] message) {
        int length = message.length;
        if (length == 0) {
            return new byte[0];
        }
        int extra = message[0] == '.' ? 1 : 0;
        for (int lf = LineFeeds.next(message, 0, length); lf < length; lf = LineFeeds.next(message, lf + 1, length)) {
            if (lf == 0 || message[lf - 1] != '\r') {
                extra++;
            }
            if (lf + 1 < length && message[lf + 1] == '.') {
                extra++;
            }
        }
        byte last = message[length - 1];
        if (last != '\n') {
            extra += last == '\r' ? 1 : 2;
        }
        byte[] encoded = new byte[length + extra];
        int out = 0;
        int start = 0;
        while (start < length) {
            if (message[start] == '.') {
                encoded[out++] = '.';
            }
            int lf = LineFeeds.next(message, start, length);
            System.arraycopy(message, start, encoded, out, lf - start);
            out += lf - start;
            if (lf == length) {
                break;
            }
            if (lf == 0 || message[lf - 1] != '\r') {
                encoded[out++] = '\r';
            }
            encoded[out++] = '\n';
            start = lf + 1;
        }
        if (last != '\n') {
            if (last != '\r') {
                encoded[out++] = '\r';
            }
            encoded[out] = '\n';
        }
        return encoded;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return output[outputStart++] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int count = Math.min(length, outputEnd - outputStart);
        System.arraycopy(output, outputStart, buffer, offset, count);
        outputStart += count;
        return count;
    }

    @Override
    public int available() {
        return outputEnd - outputStart;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }

    /** Makes output available; false at the end. */
    private boolean fill() throws IOException {
        while (outputStart == outputEnd) {
            if (sourceEnded) {
                return false;
            }
            outputStart = 0;
            outputEnd = 0;
            int read = source.read(input, 0, input.length);
            if (read == -1) {
                sourceEnded = true;
                finish();
            } else {
                encode(read);
            }
        }
        return true;
    }

    /** Copies whole line segments at a time; only line starts and line ends need a look. */
    private void encode(int length) {
        if (length > 0) {
            empty = false;
        }
        int i = 0;
        while (i < length) {
            if (atLineStart && input[i] == '.') {
                output[outputEnd++] = '.';
            }
            atLineStart = false;
            int newline = LineFeeds.next(input, i, length);
            int segment = newline - i;
            if (segment > 0) {
                System.arraycopy(input, i, output, outputEnd, segment);
                outputEnd += segment;
                afterCr = input[newline - 1] == '\r';
            }
            if (newline == length) {
                return;
            }
            if (!afterCr) {
                output[outputEnd++] = '\r';
            }
            output[outputEnd++] = '\n';
            atLineStart = true;
            afterCr = false;
            i = newline + 1;
        }
    }

    /** The last line ends with CRLF, whatever the message ended with. */
    private void finish() {
        if (empty || atLineStart) {
            return;
        }
        if (!afterCr) {
            output[outputEnd++] = '\r';
        }
        output[outputEnd++] = '\n';
        atLineStart = true;
    }
}
