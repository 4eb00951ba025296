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
import org.apache.james.protocols.api.BaseRequest;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandDispatcher;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.util.MDCBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * James's command dispatcher with what every pop3x command shares, in one place: the line is read as UTF-8
 * (or ISO-8859-1 when it is not valid UTF-8, so that no byte is lost), each command is timed with James's
 * {@link MetricFactory} ({@code pop3x-<command>}) and runs with the user and command in the MDC, and a failure
 * no handler caught becomes {@code -ERR [SYS/TEMP]} and a log line instead of a bare {@code -ERR}.
 */
public final class Pop3xDispatcher extends CommandDispatcher<POP3Session> {
    private static final Logger LOGGER = LoggerFactory.getLogger(Pop3xDispatcher.class);

    private final MetricFactory metricFactory;
    private final Texts texts;
    private final Set<String> keywords = ConcurrentHashMap.newKeySet();

    @Inject
    public Pop3xDispatcher(MetricFactory metricFactory, Texts texts) {
        this.metricFactory = metricFactory;
        this.texts = texts;
    }

    @Override
    protected void addToMap(String commandName, CommandHandler<POP3Session> cmdHandler) {
        keywords.add(commandName);
        super.addToMap(commandName, cmdHandler);
    }

    @Override
    protected Request parseRequest(POP3Session session, byte[] line) {
        String text = withoutLineEnd(decode(line));
        int space = text.indexOf(' ');
        if (space > 0) {
            return new BaseRequest(text.substring(0, space).toUpperCase(Locale.US), text.substring(space + 1));
        }
        return new BaseRequest(text.toUpperCase(Locale.US), null);
    }

    /**
     * The line without its CRLF (or bare LF). Spaces are kept: a PASS argument may begin or end with one.
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
        String metric = "pop3x-" + (keywords.contains(command) ? command.toLowerCase(Locale.US) : "unknown");
        MDCBuilder mdc = MDCBuilder.create()
            .addToContext(MDCBuilder.ACTION, keywords.contains(command) ? command : "UNKNOWN")
            .addToContext(MDCBuilder.USER, session.namedUser().orElse(""));
        return metricFactory.decorateSupplierWithTimerMetric(metric, () -> MDCBuilder.withMdc(mdc, () -> {
            try {
                return super.dispatchCommandHandlers(james, request);
            } catch (RuntimeException e) {
                LOGGER.error("{} failed for {} from {}", command, session.namedUser().orElse("(no user)"),
                    session.remoteAddress(), e);
                return Reply.err(ResponseCode.SYS_TEMP, Text.INTERNAL_ERROR).render(texts, session.language());
            }
        }));
    }
}
