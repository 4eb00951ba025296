package dev.pop3x.protocol;

import java.util.Collection;
import java.util.Set;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.pop3.POP3Session;

/**
 * A pop3x command handler. The state the command is valid in ({@link Phase}) and what it carries after its keyword
 * ({@link ArgumentShape}) are declared with it and checked here, once, before it runs on pop3x's typed session; the
 * reply is worded by {@link Replies}. Timing, MDC, line limits and failures are handled once for all commands by
 * {@link Pop3xDispatcher}.
 */
abstract class Pop3xCommand implements CommandHandler<POP3Session> {
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

    @Override
    public Collection<String> getImplCommands() {
        return Set.of(keyword);
    }
}
