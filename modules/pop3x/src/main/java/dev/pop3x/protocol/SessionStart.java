package dev.pop3x.protocol;

import java.time.Clock;

import javax.inject.Inject;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.pop3.POP3Session;

import dev.pop3x.config.SessionSettings;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;

/**
 * Starts pop3x's state for a new connection and greets: {@code +OK <helloName> POP3 server ready.}
 *
 * <p>James 3.8.1's greeting carries an RFC 1939 APOP timestamp ({@code <id.millis@host>}) although James offers
 * no APOP command. Clients such as curl choose APOP whenever they see a timestamp and then fail to log in, so
 * the greeting carries none until APOP is offered.
 *
 * <p>James's line framer looks for lines sent behind STLS by scanning, for every line it cuts, everything the client
 * sent that is not yet cut, until the session says it is done: a client that pipelines thousands of commands
 * before login makes that quadratic (30,000 pipelined CAPA cost 1.5 ms of CPU each, 33 times the same CAPA after
 * login). pop3x tells James it is done at once and guards STLS itself, at no cost per line
 * ({@link Pop3xSession#injectedBehindStls()}).
 */
public final class SessionStart implements ConnectHandler<POP3Session> {
    private final Replies replies;
    private final Clock clock;
    private final SessionSettings settings;

    @Inject
    public SessionStart(Replies replies, Clock clock, SessionSettings settings) {
        this.replies = replies;
        this.clock = clock;
        this.settings = settings;
    }

    @Override
    public Response onConnect(POP3Session james) {
        Pop3xSession session = Pop3xSession.start(james, eventLoop(), clock, settings.defaultLanguage());
        james.stopDetectingCommandInjection();
        return replies.render(session, "greeting", Reply.ok(Text.GREETING, james.getConfiguration().getHelloName()));
    }

    /**
     * The connection's event loop, which runs this handler: where the session schedules what it does later. Netty
     * tells it only through {@link ThreadExecutorMap}; James gives handlers no channel.
     */
    private static EventExecutor eventLoop() {
        EventExecutor eventLoop = ThreadExecutorMap.currentExecutor();
        if (eventLoop == null) {
            throw new IllegalStateException("pop3x's SessionStart must run on a Netty event loop, as James's POP3 server runs it");
        }
        return eventLoop;
    }
}
