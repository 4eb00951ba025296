package dev.pop3x.it;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The lines a POP3 server writes, read strictly: every line ends in CRLF (RFC 1939), a LF without its CR is an error,
 * and so is a connection that closes in the middle of a line. A CR not followed by LF is part of the line. The one
 * reader of every test client.
 */
public final class CrlfLines {
    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);

    /** @param in a buffered stream: lines are read an octet at a time */
    public CrlfLines(InputStream in) {
        this.in = in;
    }

    /** A LF that did not follow a CR. */
    public static final class BareLineFeed extends IOException {
        private static final long serialVersionUID = 1L;

        BareLineFeed(String before) {
            super("A bare LF from the server after: " + before);
        }
    }

    /**
     * The octets of the next line, without its CRLF; empty when the server closed the connection between lines.
     *
     * @throws BareLineFeed for a LF without its CR
     * @throws EOFException when the connection closed in the middle of a line
     */
    public Optional<byte[]> nextOctets() throws IOException {
        line.reset();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b == -1) {
                if (line.size() > 0) {
                    throw new EOFException("Connection closed by the server in the middle of a line: " + line.toString(StandardCharsets.UTF_8));
                }
                return Optional.empty();
            }
            if (b == '\n') {
                if (previous != '\r') {
                    throw new BareLineFeed(line.toString(StandardCharsets.UTF_8));
                }
                byte[] bytes = line.toByteArray();
                byte[] withoutCr = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, withoutCr, 0, withoutCr.length);
                return Optional.of(withoutCr);
            }
            line.write(b);
            previous = b;
        }
    }

    /** What a read that failed had read of its line (a connection reset in the middle of one). */
    public String partialLine() {
        return line.toString(StandardCharsets.UTF_8);
    }

    /** The next line as UTF-8 text (as {@link #nextOctets()}). */
    public Optional<String> next() throws IOException {
        return nextOctets().map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    /** The next line; the connection must still be open. */
    public String require() throws IOException {
        return next().orElseThrow(() -> new EOFException("Connection closed by the server"));
    }
}
