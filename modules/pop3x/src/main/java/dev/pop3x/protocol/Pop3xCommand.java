package dev.pop3x.protocol;

import java.util.Collection;
import java.util.Set;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.pop3.POP3Session;

/**
 * A pop3x command handler: checks the state the command is valid in, runs the command on pop3x's typed session and
 * words the reply ({@link Replies}). Timing, MDC, line limits and failures are handled once for all commands by
 * {@link Pop3xDispatcher}.
 */
abstract class Pop3xCommand implements CommandHandler<POP3Session> {
    private final Set<String> keywords;
    private final Phase phase;
    private final Arguments arguments;
    protected final Replies replies;

    /** What may follow the keyword. */
    enum Arguments {
        /** nothing: {@code NOOP x} is refused with {@code -ERR Usage: NOOP} (RFC 1939 gives these commands no argument) */
        NONE,
        /** what the command itself parses */
        PARSED_BY_COMMAND
    }

    Pop3xCommand(Replies replies, Phase phase, String... keywords) {
        this(replies, phase, Arguments.PARSED_BY_COMMAND, keywords);
    }

    Pop3xCommand(Replies replies, Phase phase, Arguments arguments, String... keywords) {
        this.replies = replies;
        this.phase = phase;
        this.arguments = arguments;
        this.keywords = Set.of(keywords);
    }

    @Override
    public final Response onCommand(POP3Session james, Request request) {
        Pop3xSession session = Pop3xSession.of(james);
        Reply refusal = refusal(session, request);
        Reply reply = refusal != null ? refusal : execute(session, request.getCommand(), request.getArgument());
        return reply == null ? null : replies.render(session, request.getCommand(), reply);
    }

    private Reply refusal(Pop3xSession session, Request request) {
        Reply wrongState = phase.refusalFor(session);
        if (wrongState != null) {
            return wrongState;
        }
        String argument = request.getArgument();
        if (arguments == Arguments.NONE && argument != null && !argument.isBlank()) {
            return Reply.err(Text.USAGE, request.getCommand());
        }
        return null;
    }

    /**
     * @param command the keyword, upper case
     * @param argument what followed it, or null
     * @return the reply, or null when it is sent later (the session's input then owes it)
     */
    abstract Reply execute(Pop3xSession session, String command, String argument);

    @Override
    public Collection<String> getImplCommands() {
        return keywords;
    }
}
