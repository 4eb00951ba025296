package dev.pop3x.protocol;

import java.util.Collection;
import java.util.Set;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pop3x command handler: checks the state the command is valid in, runs the command on pop3x's typed session,
 * words the reply in the session's language and logs every refusal. Timing, MDC and failures are handled once
 * for all commands by {@link Pop3xDispatcher}.
 */
abstract class Pop3xCommand implements CommandHandler<POP3Session> {
    private static final Logger LOGGER = LoggerFactory.getLogger(Pop3xCommand.class);

    private final Set<String> keywords;
    private final Phase phase;
    protected final Texts texts;

    Pop3xCommand(Texts texts, Phase phase, String... keywords) {
        this.texts = texts;
        this.phase = phase;
        this.keywords = Set.of(keywords);
    }

    @Override
    public final Response onCommand(POP3Session james, Request request) {
        Pop3xSession session = Pop3xSession.of(james);
        Reply refusal = phase.refusalFor(session);
        Reply reply = refusal != null ? refusal : execute(session, request.getCommand(), request.getArgument());
        return reply == null ? null : render(session, request.getCommand(), reply);
    }

    /**
     * @param command the keyword, upper case
     * @param argument what followed it, or null
     * @return the reply, or null when it is sent later
     */
    abstract Reply execute(Pop3xSession session, String command, String argument);

    /** Words a reply; a refusal is logged, in English, whatever the session's language. */
    Response render(Pop3xSession session, String command, Reply reply) {
        if (!reply.isOk()) {
            LOGGER.info("{} refused: {}{}", command,
                reply.code().map(code -> "[" + code.text() + "] ").orElse(""), texts.english(reply));
        }
        return reply.render(texts, session.language());
    }

    @Override
    public Collection<String> getImplCommands() {
        return keywords;
    }
}
