package dev.pop3x.protocol;

import javax.inject.Inject;

import org.apache.james.protocols.api.handler.UnknownCommandHandler;

/**
 * The reply to a command nobody implements: {@code -ERR Unknown command: VERB}, where James 3.8.1 answers a bare
 * {@code -ERR}. Only the keyword is quoted back, short and printable, never the arguments (a password typed into
 * the wrong command). A client that keeps sending unknown commands is not a POP3 client (a browser made to talk
 * to the POP3 port, a scanner): after {@value #MAX_BEFORE_LOGIN} before login, or {@value #MAX_AFTER_LOGIN} after,
 * the connection is closed.
 */
public final class UnknownCommand extends Pop3xCommand {
    static final int MAX_BEFORE_LOGIN = 5;
    static final int MAX_AFTER_LOGIN = 20;

    @Inject
    public UnknownCommand(Replies replies) {
        super(replies, Phase.ANY, ArgumentShape.REST, UnknownCommandHandler.COMMAND_IDENTIFIER);
    }

    @Override
    Reply execute(Pop3xSession session, Arguments arguments) {
        String verb = Echo.of(arguments.keyword());
        return counted(session, verb.isEmpty() ? Reply.err(Text.EMPTY_COMMAND) : Reply.err(Text.UNKNOWN_COMMAND, verb));
    }

    /** The refusal of a line that is no command (unknown, or too long), or the end of the session after too many. */
    static Reply counted(Pop3xSession session, Reply refusal) {
        int count = session.badCommand();
        if (count >= (session.loggedIn() ? MAX_AFTER_LOGIN : MAX_BEFORE_LOGIN)) {
            return Reply.err(Text.TOO_MANY_BAD_COMMANDS).then(Reply.After.END_SESSION);
        }
        return refusal;
    }
}
