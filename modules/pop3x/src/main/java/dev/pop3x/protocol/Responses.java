package dev.pop3x.protocol;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.StartTlsResponse;
import org.apache.james.protocols.api.StreamResponse;

import dev.pop3x.protocol.wire.Concatenation;
import dev.pop3x.protocol.wire.ReadOffLoop;
import dev.pop3x.protocol.wire.WholeOctets;

/**
 * Replies as James's transport writes them. Every reply but STLS's goes out as one stream: its lines with a message
 * after them, so that they leave in one write, not two; UTF-8, where James would write lines as US-ASCII (text in
 * another language, RFC 6856 LANG); and a stream tells when Netty has taken it, which lines do not (see
 * {@link SessionOutput}).
 */
final class Responses {
    /**
     * Replies of lines up to this long go out in one write ({@link WholeOctets}); longer ones (the listings of big
     * maildrops) as a stream, read as the connection takes them, so that a client reading one slowly is not taken for idle.
     */
    static final int WHOLE_LINES_LIMIT = 64 * 1024;
    private static final byte[] TERMINATOR = ".\r\n".getBytes(StandardCharsets.US_ASCII);

    private Responses() {
    }

    /**
     * @param allLines the status line and any data lines, "." included
     * @param message a byte-stuffed message sent after the lines, then "."
     */
    static Response stream(String status, List<CharSequence> allLines, Optional<InputStream> message, boolean endSession,
                           UnaryOperator<InputStream> tracking) {
        byte[] head = lines(allLines).getBytes(StandardCharsets.UTF_8);
        InputStream whole;
        if (message.isEmpty()) {
            whole = head.length <= WHOLE_LINES_LIMIT ? WholeOctets.of(head) : new ByteArrayInputStream(head);
        } else if (message.get() instanceof WholeOctets) {
            whole = WholeOctets.of(head).followedBy((WholeOctets) message.get()).followedBy(WholeOctets.of(TERMINATOR));
        } else {
            whole = new Concatenation(List.of(new ByteArrayInputStream(head), message.get(), new ByteArrayInputStream(TERMINATOR)));
            if (message.get() instanceof ReadOffLoop) {
                // read where the message is read: off the event loop
                whole = ((ReadOffLoop) message.get()).around(whole);
            }
        }
        return new RenderedStream(status, tracking.apply(whole), endSession, allLines.get(0));
    }

    /** The lines, each ended by CRLF. */
    private static String lines(List<CharSequence> allLines) {
        if (allLines.size() == 1) {
            return allLines.get(0) + "\r\n";
        }
        StringBuilder lines = new StringBuilder();
        for (CharSequence line : allLines) {
            lines.append(line).append("\r\n");
        }
        return lines.toString();
    }

    /** The reply to STLS: lines, after which James starts TLS. */
    static Response startingTls(String status, List<CharSequence> lines) {
        return new RenderedStartTls(status, lines);
    }

    /** A SASL continuation request (RFC 5034): {@code + } and the base64 challenge, which may be empty. */
    static Response continuation(String base64Challenge, UnaryOperator<InputStream> tracking) {
        return stream("+", List.of("+ " + base64Challenge), Optional.empty(), false, tracking);
    }


    /** A reply put into words, as James's transport writes it. */
    private abstract static class Rendered implements Response {
        private final String retCode;
        private final boolean endSession;
        private final CharSequence firstLine;

        Rendered(String retCode, boolean endSession, CharSequence firstLine) {
            this.retCode = retCode;
            this.endSession = endSession;
            this.firstLine = firstLine;
        }

        @Override
        public String getRetCode() {
            return retCode;
        }

        @Override
        public boolean isEndSession() {
            return endSession;
        }

        @Override
        public String toString() {
            return firstLine.toString();
        }
    }

    /** No lines: everything is in the stream. */
    private static final class RenderedStream extends Rendered implements StreamResponse {
        private final InputStream stream;

        RenderedStream(String retCode, InputStream stream, boolean endSession, CharSequence firstLine) {
            super(retCode, endSession, firstLine);
            this.stream = stream;
        }

        @Override
        public List<CharSequence> getLines() {
            return List.of();
        }

        @Override
        public InputStream getStream() {
            return stream;
        }
    }

    private static final class RenderedStartTls extends Rendered implements StartTlsResponse {
        private final List<CharSequence> lines;

        RenderedStartTls(String retCode, List<CharSequence> lines) {
            super(retCode, false, lines.get(0));
            this.lines = List.copyOf(lines);
        }

        @Override
        public List<CharSequence> getLines() {
            return lines;
        }
    }
}
