package dev.pop3x.protocol;

import javax.inject.Inject;

import org.apache.james.protocols.api.handler.DisconnectHandler;
import org.apache.james.protocols.pop3.POP3Session;

/**
 * A connection that closes without QUIT (dropped, timed out, or closed by the server) ends its session: the
 * maildrop is released and nothing marked deleted is expunged (RFC 1939: only QUIT enters the UPDATE state).
 */
public final class SessionEnd implements DisconnectHandler<POP3Session> {
    private final Logout logout;

    @Inject
    public SessionEnd(Logout logout) {
        this.logout = logout;
    }

    @Override
    public void onDisconnect(POP3Session james) {
        Pop3xSession.find(james).ifPresent(session -> logout.end(session, "disconnected"));
    }
}
