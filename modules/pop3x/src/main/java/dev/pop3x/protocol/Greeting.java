package dev.pop3x.protocol;

import java.time.Clock;

import javax.inject.Inject;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.pop3.POP3Session;

import dev.pop3x.config.SessionSettings;

/**
 * Starts pop3x's state for a new connection and greets: {@code +OK <helloName> POP3 server ready.}
 *
 * <p>James 3.8.1's greeting carries an RFC 1939 APOP timestamp ({@code <id.millis@host>}) although James offers
 * no APOP command. Clients such as curl choose APOP whenever they see a timestamp and then fail to log in, so
 * the greeting carries none until APOP is offered.
 */
public final class Greeting implements ConnectHandler<POP3Session> {
    private final Texts texts;
    private final Clock clock;
    private final SessionSettings settings;

    @Inject
    public Greeting(Texts texts, Clock clock, SessionSettings settings) {
        this.texts = texts;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public Response onConnect(POP3Session james) {
        Pop3xSession session = Pop3xSession.start(james, clock.instant(), settings.defaultLanguage());
        return Reply.ok(Text.GREETING, james.getConfiguration().getHelloName()).render(texts, session.language());
    }
}
