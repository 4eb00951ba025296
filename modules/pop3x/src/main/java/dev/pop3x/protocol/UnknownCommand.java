package dev.pop3x.protocol;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.UnknownCommandHandler;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.util.MDCBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reply to a command nobody implements: {@code -ERR Unknown command: VERB}, where James 3.8.1 answers a bare
 * {@code -ERR}. Only the keyword is quoted back and logged, never the arguments, which may hold a password
 * typed into the wrong command.
 */
public final class UnknownCommand extends UnknownCommandHandler<POP3Session> {
    private static final Logger LOGGER = LoggerFactory.getLogger(UnknownCommand.class);

    @Override
    public Response onCommand(POP3Session session, Request request) {
        String verb = Echo.of(request.getCommand());
        MDCBuilder.withMdc(
            MDCBuilder.create()
                .addToContext(MDCBuilder.ACTION, "UNKNOWN")
                .addToContext(MDCBuilder.SESSION_ID, session.getSessionID()),
            () -> LOGGER.info("Unknown command '{}'", verb));
        return new POP3Response(POP3Response.ERR_RESPONSE, verb.isEmpty() ? "Empty command" : "Unknown command: " + verb);
    }
}
