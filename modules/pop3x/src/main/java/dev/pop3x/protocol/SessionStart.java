package dev.pop3x.protocol;

import java.time.Clock;

import javax.inject.Inject;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.ConnectHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;

/**
 * Starts pop3x's state for a new connection and greets: {@code +OK <helloName> POP3 server ready.}
 *
 * <p>James 3.8.1's greeting carries an RFC 1939 APOP timestamp ({@code <id.millis@host>}) although James offers
 * no APOP command. Clients such as curl choose APOP whenever they see a timestamp and then fail to log in, so
 * the greeting carries none until APOP is offered.
 *
 * <p>pop3x's handlers run on pop3x's listener only ({@code pop3xserver.xml}), whose sessions read a line only when
 * they want one: a connection to a James listener running this chain is refused. James's framer would look for
 * lines sent behind STLS on every line; pop3x tells it not to and guards STLS itself
 * ({@link Pop3xSession#injectedBehindStls()}).
 */
public final class SessionStart implements ConnectHandler<POP3Session> {
    private static final Logger LOGGER = LoggerFactory.getLogger(SessionStart.class);

    private final Replies replies;
    private final Clock clock;
    private final SessionSettings settings;
    private final StorageThreads storage;
    private final OpenSessions openSessions;
    private final Logout logout;

    @Inject
    public SessionStart(Replies replies, Clock clock, SessionSettings settings, StorageThreads storage, OpenSessions openSessions,
                        Logout logout) {
        this.replies = replies;
        this.clock = clock;
        this.settings = settings;
        this.storage = storage;
        this.openSessions = openSessions;
        this.logout = logout;
    }

    @Override
    public Response onConnect(POP3Session james) {
        ListenerSettings listener = ListenerSettings.of(james.getConfiguration()).orElse(null);
        if (listener == null) {
            LOGGER.error("pop3x's handler chain runs on pop3x's POP3 listener only (pop3xserver.xml), not on James's "
                + "(pop3server.xml): connection from {} closed", james.getRemoteAddress().getAddress().getHostAddress());
            return Response.DISCONNECT;
        }
        Pop3xSession session = Pop3xSession.start(james, eventLoop(), clock, settings.defaultLanguage(), listener,
            idle -> logout.end(idle, "idle-timeout"), storage.forSession());
        james.stopDetectingCommandInjection();
        openSessions.opened(session);
        session.input().start();
        return replies.render(session, "greeting", Reply.ok(Text.GREETING, listener.getHelloName()));
    }

    /**
     * The connection's event loop, which runs this handler: where the session schedules what it does later. Netty
     * tells it only through {@link ThreadExecutorMap}; James gives handlers no channel.
     */
    private static EventExecutor eventLoop() {
        EventExecutor eventLoop = ThreadExecutorMap.currentExecutor();
        if (eventLoop == null) {
            throw new IllegalStateException("pop3x's SessionStart must run on a Netty event loop, as its POP3 listener runs it");
        }
        return eventLoop;
    }
}
