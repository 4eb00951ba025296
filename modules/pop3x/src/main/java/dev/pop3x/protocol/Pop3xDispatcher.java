package dev.pop3x.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.inject.Inject;

import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.metrics.api.TimeMetric;
import org.apache.james.protocols.api.BaseRequest;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandDispatcher;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.api.handler.UnknownCommandHandler;
import org.apache.james.protocols.netty.CommandInjectionDetectedException;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.util.MDCBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.log.Untrusted;

/**
 * James's command dispatcher with what every pop3x command shares, in one place:
 * <ul>
 * <li>a line sent in the clear behind STLS closes the connection unrun (James's framer, which would look for
 * such lines too, is told not to: see {@link SessionStart}); the next line is read only once this one is answered
 * ({@link SessionInput});</li>
 * <li>a command line is at most {@value #MAX_COMMAND_LINE} octets ({@value #MAX_AUTH_LINE} for AUTH, whose initial
 * response may be long, RFC 5034), at least what Dovecot accepts; after {@value #MAX_COMMANDS_BEFORE_LOGIN}
 * commands without a login the connection is closed;</li>
 * <li>the keyword is matched in ASCII only: RFC 1939 keywords are ASCII, and Unicode case folding would make
 * {@code ſTLS} (U+017F) STLS; the rest of the line is read as UTF-8, or ISO-8859-1 when it is not valid UTF-8, so
 * that no byte is lost;</li>
 * <li>each command is timed with James's {@link MetricFactory} ({@code pop3x-<command>}) and runs with the user
 * and command in the MDC, and a failure no handler caught becomes {@code -ERR [SYS/TEMP]} and a log line instead
 * of a bare {@code -ERR}.</li>
 * </ul>
 */
public final class Pop3xDispatcher extends CommandDispatcher<POP3Session> {
    private static final Logger LOGGER = LoggerFactory.getLogger(Pop3xDispatcher.class);
    /** Octets of a command line without its line end; Dovecot takes 1,029 before login and 2,046 after. */
    static final int MAX_COMMAND_LINE = 2048;
    /** Octets of an AUTH line without its line end: what pop3x's listener hands over whole (8,192 with CRLF). */
    static final int MAX_AUTH_LINE = 8190;
    /** A real client logs in within a handful of commands (CAPA, STLS, CAPA, AUTH). */
    static final int MAX_COMMANDS_BEFORE_LOGIN = 30;

    private final MetricFactory metricFactory;
    private final Replies replies;
    private final Set<String> keywords = ConcurrentHashMap.newKeySet();

    @Inject
    public Pop3xDispatcher(MetricFactory metricFactory, Replies replies) {
        this.metricFactory = metricFactory;
        this.replies = replies;
    }

    @Override
    protected void addToMap(String commandName, CommandHandler<POP3Session> cmdHandler) {
        keywords.add(commandName);
        super.addToMap(commandName, cmdHandler);
    }

    /**
     * The reply to the line, or null when it is sent later, or has been sent: the last reply of a session is written
     * by the session's input, which stops reading and drops what the client sent after it.
     */
    @Override
    public Response onLine(POP3Session james, byte[] line) {
        Pop3xSession session = Pop3xSession.of(james);
        Response response = handle(session, james, line);
        if (response != null && response.isEndSession()) {
            session.input().write(response);
            return null;
        }
        return response;
    }

    private Response handle(Pop3xSession session, POP3Session james, byte[] line) {
        session.heard();
        session.input().dispatcher(this);
        if (session.injectedBehindStls()) {
            LOGGER.warn("A line sent in the clear behind STLS from {}: connection closed, the line not run", session.remoteAddress());
            // What James's framer throws for the same attack: its channel handler then closes the connection at once.
            // A reply cannot: it would wait behind the TLS handshake the client never makes.
            throw new CommandInjectionDetectedException();
        }
        int octets = withoutLineEnd(line);
        if (octets > MAX_COMMAND_LINE && !(octets <= MAX_AUTH_LINE && isAuth(line))) {
            LOGGER.info("A line of {} octets from {}", octets, session.remoteAddress());
            return replies.render(session, "line", UnknownCommand.counted(session, Reply.err(Text.LINE_TOO_LONG, MAX_COMMAND_LINE)));
        }
        return super.onLine(james, line);
    }

    /** Whether the line is a command this chain knows, keyword alone or followed by a space. */
    boolean isCommand(byte[] line) {
        String keyword = parseRequest(null, line).getCommand();
        return keywords.contains(keyword) && !keyword.equals(UnknownCommandHandler.COMMAND_IDENTIFIER);
    }

    @Override
    protected Request parseRequest(POP3Session session, byte[] line) {
        String text = withoutLineEnd(decode(line));
        int space = text.indexOf(' ');
        if (space > 0) {
            return new BaseRequest(asciiUpperCase(text.substring(0, space)), text.substring(space + 1));
        }
        return new BaseRequest(asciiUpperCase(text), null);
    }

    /**
     * The keyword in upper case, ASCII letters only changed: a keyword with any other character matches no command
     * and is answered as an unknown one.
     */
    static String asciiUpperCase(String keyword) {
        char[] chars = keyword.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'a' && chars[i] <= 'z') {
                chars[i] = (char) (chars[i] - ('a' - 'A'));
            }
        }
        return new String(chars);
    }

    private static boolean isAuth(byte[] line) {
        return line.length > 5 && asciiUpperCase(new String(line, 0, 5, StandardCharsets.ISO_8859_1)).equals("AUTH ");
    }

    /** Octets before the line end (CRLF, or a bare LF). */
    private static int withoutLineEnd(byte[] line) {
        int end = line.length;
        while (end > 0 && (line[end - 1] == '\n' || line[end - 1] == '\r')) {
            end--;
        }
        return end;
    }

    /**
     * The line without its CRLF (or bare LF) and without the spaces before the keyword; spaces after it are kept (a
     * PASS argument may begin or end with one).
     */
    private static String withoutLineEnd(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        int start = 0;
        while (start < end && line.charAt(start) == ' ') {
            start++;
        }
        return line.substring(start, end);
    }

    /** UTF-8 when the bytes are valid UTF-8 (RFC 6856), ISO-8859-1 otherwise. */
    static String decode(byte[] line) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(line))
                .toString();
        } catch (CharacterCodingException e) {
            return new String(line, StandardCharsets.ISO_8859_1);
        }
    }

    @Override
    protected Response dispatchCommandHandlers(POP3Session james, Request request) {
        Pop3xSession session = Pop3xSession.of(james);
        session.statistics().command();
        String command = request.getCommand();
        if (!session.loggedIn() && session.commandBeforeLogin() > MAX_COMMANDS_BEFORE_LOGIN) {
            LOGGER.info("{} commands from {} without a login: connection closed", MAX_COMMANDS_BEFORE_LOGIN, session.remoteAddress());
            return replies.render(session, command, Reply.err(Text.TOO_MANY_COMMANDS_BEFORE_LOGIN).then(Reply.After.END_SESSION));
        }
        String metric = "pop3x-" + (keywords.contains(command) ? command.toLowerCase(Locale.US) : "unknown");
        MDCBuilder mdc = MDCBuilder.create()
            .addToContext(MDCBuilder.ACTION, keywords.contains(command) ? command : "UNKNOWN")
            .addToContext(MDCBuilder.USER, Untrusted.word(session.user().orElse("")));
        TimeMetric timer = metricFactory.timer(metric);
        Response response = MDCBuilder.withMdc(mdc, () -> {
            try {
                return super.dispatchCommandHandlers(james, request);
            } catch (RuntimeException e) {
                LOGGER.error("{} failed for {} from {}", Untrusted.text(command), session.user().map(Untrusted::word).orElse("(no user)"),
                    session.remoteAddress(), e);
                return replies.render(session, command, Reply.err(ResponseCode.SYS_TEMP, Text.INTERNAL_ERROR));
            }
        });
        if (session.input().owing()) {
            // a command whose reply comes later is timed until it is sent
            session.input().whenReplied(timer::stopAndPublish);
        } else {
            timer.stopAndPublish();
        }
        return response;
    }
}
