package dev.pop3x.protocol;

import java.io.InputStream;
import java.text.Normalizer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.pop3.POP3Response;

import com.google.common.base.CharMatcher;
import com.google.common.collect.ImmutableList;

import dev.pop3x.maildrop.MaildropException;

/**
 * A POP3 reply before it is put into words: {@code +OK} or {@code -ERR}, an optional response code, a text (or data,
 * such as STAT's counts, or nothing), for multi-line replies either data lines or a dot-stuffed message body, and
 * what happens once it is sent. {@link #render} words it in a session's language.
 */
final class Reply {
    /** What happens once the reply is sent. */
    enum After {
        /** the session goes on */
        CONTINUE,
        /** the connection is closed */
        END_SESSION,
        /** TLS starts with the client's next bytes (STLS) */
        START_TLS
    }

    private static final CharMatcher ASCII = CharMatcher.ascii();

    private final boolean ok;
    /** null: no response code */
    private final ResponseCode code;
    /** null: no words, only data or nothing */
    private final Text text;
    private final List<Object> arguments;
    /** null: no data */
    private final String data;
    /** null: a single-line reply, unless there is a body */
    private final List<String> lines;
    /** null: no message */
    private final InputStream body;
    private final After after;

    private Reply(boolean ok, ResponseCode code, Text text, List<Object> arguments, String data, List<String> lines,
                  InputStream body, After after) {
        this.ok = ok;
        this.code = code;
        this.text = text;
        this.arguments = arguments;
        this.data = data;
        this.lines = lines;
        this.body = body;
        this.after = after;
    }

    /** {@code +OK} and nothing more. */
    static Reply ok() {
        return new Reply(true, null, null, List.of(), null, null, null, After.CONTINUE);
    }

    static Reply ok(Text text, Object... arguments) {
        return new Reply(true, null, Objects.requireNonNull(text), List.of(arguments), null, null, null, After.CONTINUE);
    }

    /** {@code +OK} and data, not words: {@code +OK 2 320}, {@code +OK 1 <unique-id>}. */
    static Reply okData(String data) {
        return new Reply(true, null, null, List.of(), Objects.requireNonNull(data), null, null, After.CONTINUE);
    }

    static Reply err(Text text, Object... arguments) {
        return new Reply(false, null, Objects.requireNonNull(text), List.of(arguments), null, null, null, After.CONTINUE);
    }

    static Reply err(ResponseCode code, Text text, Object... arguments) {
        return new Reply(false, Objects.requireNonNull(code), Objects.requireNonNull(text), List.of(arguments), null, null,
            null, After.CONTINUE);
    }

    /** The refusal of RETR or TOP when the maildrop cannot give the message. */
    static Reply unreadable(MaildropException failure, int messageNumber) {
        return err(ResponseCode.forFailure(failure.kind()),
            failure.kind() == MaildropException.Kind.PERMANENT ? Text.MESSAGE_UNREADABLE : Text.MESSAGE_UNAVAILABLE, messageNumber);
    }

    /** A multi-line reply: these lines (which must not start with '.'), then the terminating ".". */
    Reply withLines(List<String> dataLines) {
        return new Reply(ok, code, text, arguments, data, ImmutableList.copyOf(dataLines), body, after);
    }

    /** A multi-line reply whose data is a byte-stuffed message with CRLF line ends; "." is added after it. */
    Reply withBody(InputStream stuffedBody) {
        return new Reply(ok, code, text, arguments, data, lines, Objects.requireNonNull(stuffedBody), after);
    }

    Reply then(After next) {
        return new Reply(ok, code, text, arguments, data, lines, body, Objects.requireNonNull(next));
    }

    boolean isOk() {
        return ok;
    }

    Optional<ResponseCode> code() {
        return Optional.ofNullable(code);
    }

    After after() {
        return after;
    }

    /** The words after the status and the response code: the text in the language, or the data, or nothing. */
    String words(Texts texts, Language language) {
        if (text != null) {
            return texts.format(language, text, arguments);
        }
        return data == null ? "" : data;
    }

    /** The reply in words, its stream handed to {@code tracking} (a session's {@link SessionOutput}). */
    Response render(Texts texts, Language language, UnaryOperator<InputStream> tracking) {
        String status = ok ? POP3Response.OK_RESPONSE : POP3Response.ERR_RESPONSE;
        String wording = words(texts, language);
        String description = code == null ? wording : "[" + code.text() + "]" + (wording.isEmpty() ? "" : " " + wording);
        ImmutableList.Builder<CharSequence> allLines = ImmutableList.<CharSequence>builder()
            .add(description.isEmpty() ? status : status + " " + description);
        if (lines != null) {
            allLines.addAll(lines).add(".");
        }
        if (after == After.START_TLS) {
            // James starts TLS after a reply of lines only, which it writes as US-ASCII: in another language the reply
            // to STLS loses its accents ("Début" is sent as "Debut") rather than go out as a stream without TLS
            return Responses.startingTls(status, allLines.build().stream().map(Reply::ascii).collect(ImmutableList.toImmutableList()));
        }
        return Responses.stream(status, allLines.build(), Optional.ofNullable(body), after == After.END_SESSION, tracking);
    }

    Response render(Texts texts, Language language) {
        return render(texts, language, UnaryOperator.identity());
    }

    /** The text with accents dropped (NFD without its combining marks), and '?' for whatever is still not ASCII. */
    static String ascii(CharSequence text) {
        String unaccented = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return ASCII.negate().replaceFrom(unaccented, '?');
    }
}
