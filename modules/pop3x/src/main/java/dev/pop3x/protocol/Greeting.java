package dev.pop3x.protocol;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.pop3.POP3Response;
import org.apache.james.protocols.pop3.POP3Session;

/**
 * The greeting: {@code +OK <helloName> POP3 server ready.}
 *
 * <p>James 3.8.1's greeting carries an RFC 1939 APOP timestamp ({@code <id.millis@host>}) although James offers
 * no APOP command. Clients such as curl choose APOP whenever they see a timestamp and then fail to log in, so
 * the greeting carries none until APOP is offered.
 */
public final class Greeting implements ConnectHandler<POP3Session> {

    @Override
    public Response onConnect(POP3Session session) {
        return new POP3Response(POP3Response.OK_RESPONSE,
            session.getConfiguration().getHelloName() + " POP3 server ready.");
    }
}
