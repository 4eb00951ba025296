package dev.pop3x.protocol;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.mailbox.MessageMetaData;
import org.apache.james.util.MDCBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs before James's handlers of the TRANSACTION-state commands and answers the requests they must not see:
 * a command sent before login, a missing or extra argument, a message number that is not a number or not in
 * the maildrop. Stock James answers some of these with a bare {@code -ERR}, takes {@code RETR 1 2} as
 * {@code RETR 1}, and drops the connection on {@code RETR 0}. A request that passes gets {@code null}, so the
 * dispatcher hands it on to James's handler.
 */
public final class TransactionCommandGuard implements CommandHandler<POP3Session> {
    private static final Logger LOGGER = LoggerFactory.getLogger(TransactionCommandGuard.class);

    private static final Map<String, ArgumentShape> SHAPES = Map.of(
        "STAT", ArgumentShape.NONE,
        "NOOP", ArgumentShape.NONE,
        "RSET", ArgumentShape.NONE,
        "LIST", ArgumentShape.OPTIONAL_MESSAGE,
        "UIDL", ArgumentShape.OPTIONAL_MESSAGE,
        "RETR", ArgumentShape.MESSAGE,
        "DELE", ArgumentShape.MESSAGE,
        "TOP", ArgumentShape.MESSAGE_AND_LINES);

    static final String NOT_LOGGED_IN = "Command not valid before login";

    @Override
    public Response onCommand(POP3Session session, Request request) {
        String command = request.getCommand();
        Optional<String> rejection = session.getHandlerState() == POP3Session.TRANSACTION
            ? SHAPES.get(command).check(command, request.getArgument(), maildropSize(session))
            : Optional.of(NOT_LOGGED_IN);
        return rejection.map(reason -> reject(session, request, reason)).orElse(null);
    }

    private static int maildropSize(POP3Session session) {
        return session.getAttachment(POP3Session.UID_LIST, State.Transaction)
            .map(List<MessageMetaData>::size)
            .orElse(0);
    }

    private static Response reject(POP3Session session, Request request, String reason) {
        MDCBuilder.withMdc(
            MDCBuilder.create()
                .addToContext(MDCBuilder.ACTION, request.getCommand())
                .addToContext(MDCBuilder.SESSION_ID, session.getSessionID()),
            () -> LOGGER.info("Rejected {}: {}", request.getCommand(), reason));
        return new POP3Response(POP3Response.ERR_RESPONSE, reason);
    }

    @Override
    public Collection<String> getImplCommands() {
        return SHAPES.keySet();
    }
}
