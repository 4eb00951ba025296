package dev.pop3x.protocol;

import java.util.Collection;
import java.util.Set;
import java.util.function.Function;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.log.Untrusted;
import dev.pop3x.protocol.SessionInput.StorageCall;

/**
 * A pop3x command handler. The state the command is valid in ({@link Phase}) and what it carries after its keyword
 * ({@link ArgumentShape}) are declared with it and checked here, once, before it runs on pop3x's typed session; the
 * reply is worded by {@link Replies}. Timing, MDC, line limits and failures are handled once for all commands by
 * {@link Pop3xDispatcher}.
 */
abstract class Pop3xCommand implements CommandHandler<POP3Session> {
    private static final Logger LOGGER = LoggerFactory.getLogger(Pop3xCommand.class);

    private final String keyword;
    private final Phase phase;
    private final ArgumentShape shape;
    protected final Replies replies;

    Pop3xCommand(Replies replies, Phase phase, ArgumentShape shape, String keyword) {
        this.replies = replies;
        this.phase = phase;
        this.shape = shape;
        this.keyword = keyword;
    }

    @Override
    public final Response onCommand(POP3Session james, Request request) {
        Pop3xSession session = Pop3xSession.of(james);
        Reply refusal = phase.refusalFor(session);
        Reply reply;
        if (refusal != null) {
            reply = refusal;
        } else {
            ArgumentShape.Parsed parsed = shape.parse(request.getCommand(), request.getArgument(), session.optionalTransaction());
            reply = parsed.refusal() != null ? parsed.refusal() : execute(session, parsed.arguments());
        }
        return reply == null ? null : replies.render(session, request.getCommand(), reply);
    }

    /** @return the reply, or null when it is sent later (the session's input then owes it) */
    abstract Reply execute(Pop3xSession session, Arguments arguments);

    /**
     * For a command whose reply needs the maildrop: the storage call runs off the event loop, then {@code then} makes
     * the reply on it. A failure nobody caught answers {@code -ERR [SYS/TEMP]} and is logged.
     *
     * @return null: the reply is sent later
     */
    final <T> Reply offLoop(Pop3xSession session, StorageCall<T> call, Function<T, Reply> then) {
        session.input().offLoop(call, (result, failure) -> {
            Reply reply;
            if (failure != null) {
                LOGGER.error("{} failed for {} from {}", keyword, session.user().map(Untrusted::word).orElse("(no user)"), session.remoteAddress(),
                    failure);
                reply = Reply.err(ResponseCode.SYS_TEMP, Text.INTERNAL_ERROR);
            } else {
                reply = then.apply(result);
            }
            return reply == null ? null : replies.render(session, keyword, reply);
        });
        return null;
    }

    @Override
    public Collection<String> getImplCommands() {
        return Set.of(keyword);
    }
}
