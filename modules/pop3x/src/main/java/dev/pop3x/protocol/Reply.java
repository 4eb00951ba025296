package dev.pop3x.protocol;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.StartTlsResponse;
import org.apache.james.protocols.api.StreamResponse;
import org.apache.james.protocols.pop3.POP3Response;

import com.google.common.base.CharMatcher;
import com.google.common.collect.ImmutableList;

import dev.pop3x.config.Language;
import dev.pop3x.maildrop.MaildropException;

/**
 * A POP3 reply before it is put into words: status, optional response code, text, and for multi-line replies
 * either data lines or a dot-stuffed message body. {@link #render} words it in the session's language.
 */
final class Reply {
    private static final CharMatcher ASCII = CharMatcher.ascii();

    private final boolean ok;
    private final Optional<ResponseCode> code;
    private final Text text;
    private final List<Object> arguments;
    private final Optional<List<String>> lines;
    private final Optional<InputStream> body;
    private final boolean endSession;
    private final boolean startTls;
    private final Optional<String> continuation;

    private Reply(boolean ok, Optional<ResponseCode> code, Text text, List<Object> arguments, Optional<List<String>> lines,
                  Optional<InputStream> body, boolean endSession, boolean startTls, Optional<String> continuation) {
        this.ok = ok;
        this.continuation = continuation;
        this.code = code;
        this.text = text;
        this.arguments = arguments;
        this.lines = lines;
        this.body = body;
        this.endSession = endSession;
        this.startTls = startTls;
    }

    static Reply ok(Text text, Object... arguments) {
        return new Reply(true, Optional.empty(), text, List.of(arguments), Optional.empty(), Optional.empty(), false, false, Optional.empty());
    }

    static Reply err(Text text, Object... arguments) {
        return new Reply(false, Optional.empty(), text, List.of(arguments), Optional.empty(), Optional.empty(), false, false, Optional.empty());
    }

    static Reply err(ResponseCode code, Text text, Object... arguments) {
        return new Reply(false, Optional.of(code), text, List.of(arguments), Optional.empty(), Optional.empty(), false, false, Optional.empty());
    }

    /** The refusal of RETR or TOP when the maildrop cannot give the message. */
    static Reply unreadable(MaildropException failure, int messageNumber) {
        return failure.kind() == MaildropException.Kind.PERMANENT
            ? err(ResponseCode.SYS_PERM, Text.MESSAGE_UNREADABLE, messageNumber)
            : err(ResponseCode.SYS_TEMP, Text.MESSAGE_UNAVAILABLE, messageNumber);
    }

    /** A SASL continuation request (RFC 5034): {@code + } and the base64 challenge, which may be empty. */
    static Reply continuation(String base64Challenge) {
        return new Reply(true, Optional.empty(), Text.NONE, List.of(), Optional.empty(), Optional.empty(), false, false,
            Optional.of(base64Challenge));
    }

    /** A multi-line reply: these lines (which must not start with '.'), then the terminating ".". */
    Reply withLines(List<String> dataLines) {
        return new Reply(ok, code, text, arguments, Optional.of(ImmutableList.copyOf(dataLines)), body, endSession, startTls, continuation);
    }

    /** A multi-line reply whose data is a byte-stuffed message with CRLF line ends; "." is added after it. */
    Reply withBody(InputStream stuffedBody) {
        return new Reply(ok, code, text, arguments, lines, Optional.of(stuffedBody), endSession, startTls, continuation);
    }

    Reply endingSession() {
        return new Reply(ok, code, text, arguments, lines, body, true, startTls, continuation);
    }

    Reply startingTls() {
        return new Reply(ok, code, text, arguments, lines, body, endSession, true, continuation);
    }

    boolean isOk() {
        return ok;
    }

    Optional<ResponseCode> code() {
        return code;
    }

    Text text() {
        return text;
    }

    List<Object> arguments() {
        return arguments;
    }

    /** The reply in words, as a session sends it: its stream counted by the session's output until Netty took it in full. */
    Response render(Texts texts, Language language, SessionOutput output) {
        return render(texts, language, output::track);
    }

    Response render(Texts texts, Language language) {
        return render(texts, language, UnaryOperator.identity());
    }

    private Response render(Texts texts, Language language, UnaryOperator<InputStream> tracking) {
        if (continuation.isPresent()) {
            return stream("+", List.of("+ " + continuation.get()), Optional.empty(), tracking);
        }
        String status = ok ? POP3Response.OK_RESPONSE : POP3Response.ERR_RESPONSE;
        String wording = texts.format(language, text, arguments);
        String description = code.map(c -> "[" + c.text() + "]" + (wording.isEmpty() ? "" : " " + wording)).orElse(wording);
        List<CharSequence> allLines = ImmutableList.<CharSequence>builder()
            .add(description.isEmpty() ? status : status + " " + description)
            .addAll(lines.<List<String>>map(data -> ImmutableList.<String>builder().addAll(data).add(".").build()).orElse(List.of()))
            .build();
        if (startTls) {
            // James starts TLS after a reply of lines only, which it writes as US-ASCII: in another language the reply
            // to STLS loses its accents ("Début" is sent as "Debut") rather than go out as a stream without TLS
            return new RenderedStartTls(status, allLines.stream().<CharSequence>map(Reply::ascii).collect(ImmutableList.toImmutableList()),
                endSession);
        }
        return stream(status, allLines, body, tracking);
    }

    /**
     * Every reply but STLS's goes out as one stream: its lines with a message after them, so that they leave in one
     * write, not two; UTF-8, where James would write lines as US-ASCII (text in another language, RFC 6856 LANG); and
     * a stream tells when Netty has taken it, which lines do not (see {@link SessionOutput}).
     */
    private Response stream(String status, List<CharSequence> allLines, Optional<InputStream> message,
                            UnaryOperator<InputStream> tracking) {
        InputStream head = new ByteArrayInputStream((String.join("\r\n", allLines) + "\r\n").getBytes(StandardCharsets.UTF_8));
        InputStream whole = message.<InputStream>map(content -> new Concatenation(List.of(head, content, terminator()))).orElse(head);
        return new RenderedStream(status, List.of(), tracking.apply(whole), endSession, allLines.get(0));
    }

    /** The text with accents dropped (NFD without its combining marks), and '?' for whatever is still not ASCII. */
    static String ascii(CharSequence text) {
        String unaccented = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return ASCII.negate().replaceFrom(unaccented, '?');
    }

    private static InputStream terminator() {
        return new ByteArrayInputStream(".\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** A reply put into words, as James's transport writes it. */
    private static class Rendered implements Response {
        private final String retCode;
        private final List<CharSequence> lines;
        private final boolean endSession;
        private final CharSequence firstLine;

        Rendered(String retCode, List<CharSequence> lines, boolean endSession, CharSequence firstLine) {
            this.retCode = retCode;
            this.lines = lines;
            this.endSession = endSession;
            this.firstLine = firstLine;
        }

        @Override
        public String getRetCode() {
            return retCode;
        }

        @Override
        public List<CharSequence> getLines() {
            return lines;
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

    /** Lines, then a stream written after them. */
    private static final class RenderedStream extends Rendered implements StreamResponse {
        private final InputStream stream;

        RenderedStream(String retCode, List<CharSequence> lines, InputStream stream, boolean endSession, CharSequence firstLine) {
            super(retCode, lines, endSession, firstLine);
            this.stream = stream;
        }

        @Override
        public InputStream getStream() {
            return stream;
        }
    }

    /** The reply to STLS, after which James starts TLS. */
    private static final class RenderedStartTls extends Rendered implements StartTlsResponse {
        RenderedStartTls(String retCode, List<CharSequence> lines, boolean endSession) {
            super(retCode, lines, endSession, lines.get(0));
        }
    }
}
