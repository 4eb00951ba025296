package dev.pop3x.protocol.wire;

import java.io.IOException;
import java.io.InputStream;

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
     * A whole message encoded at once, as the stream would encode it: one pass to size the result, one to fill it, and
     * nothing allocated but the result (for messages small enough to send whole).
     */
    public static byte[] encode(byte[] message) {
        int extra = 0;
        boolean lineStart = true;
        for (int i = 0; i < message.length; i++) {
            byte b = message[i];
            if (lineStart && b == '.') {
                extra++;
            }
            if (b == '\n' && (i == 0 || message[i - 1] != '\r')) {
                extra++;
            }
            lineStart = b == '\n';
        }
        boolean unfinished = message.length > 0 && message[message.length - 1] != '\n';
        if (unfinished) {
            extra += message[message.length - 1] == '\r' ? 1 : 2;
        }
        byte[] encoded = new byte[message.length + extra];
        int out = 0;
        lineStart = true;
        for (int i = 0; i < message.length; i++) {
            byte b = message[i];
            if (lineStart && b == '.') {
                encoded[out++] = '.';
            }
            if (b == '\n' && (i == 0 || message[i - 1] != '\r')) {
                encoded[out++] = '\r';
            }
            encoded[out++] = b;
            lineStart = b == '\n';
        }
        if (unfinished) {
            if (message[message.length - 1] != '\r') {
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
            int newline = i;
            while (newline < length && input[newline] != '\n') {
                newline++;
            }
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
