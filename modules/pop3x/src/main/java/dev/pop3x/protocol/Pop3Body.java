package dev.pop3x.protocol;

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
final class Pop3Body extends InputStream {
    private static final int CHUNK = 16 * 1024;

    private final InputStream source;
    private final byte[] input = new byte[CHUNK];
    /** Each input byte becomes at most 3 output bytes ('.' stuffed at line start, or CR before LF). */
    private final byte[] output = new byte[CHUNK * 2 + 2];
    private int outputStart;
    private int outputEnd;
    private boolean atLineStart = true;
    private boolean afterCr;
    private boolean sourceEnded;
    private boolean empty = true;

    Pop3Body(InputStream source) {
        this.source = source;
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
            int read = source.read(input, 0, CHUNK);
            if (read == -1) {
                sourceEnded = true;
                finish();
            } else {
                encode(read);
            }
        }
        return true;
    }

    private void encode(int length) {
        for (int i = 0; i < length; i++) {
            byte b = input[i];
            empty = false;
            if (b == '\n') {
                if (!afterCr) {
                    output[outputEnd++] = '\r';
                }
                output[outputEnd++] = '\n';
                atLineStart = true;
                afterCr = false;
                continue;
            }
            if (atLineStart && b == '.') {
                output[outputEnd++] = '.';
            }
            output[outputEnd++] = b;
            atLineStart = false;
            afterCr = b == '\r';
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
