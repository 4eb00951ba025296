package dev.pop3x.protocol;

import java.time.Clock;
import java.time.Duration;

import javax.inject.Inject;
import javax.inject.Provider;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.log.Untrusted;

/**
 * Ends a session once, however it ends (QUIT, a dropped connection, the idle timeout): the maildrop is closed
 * without expunging anything more, its lock released, and one summary line logged, like Dovecot's
 * {@code pop3_logout_format}.
 */
final class Logout {
    private static final Logger LOGGER = LoggerFactory.getLogger(Logout.class);

    private final Clock clock;
    private final Provider<OpenSessions> openSessions;
    private final LoginReadAhead loginReadAhead;

    @Inject
    Logout(Clock clock, Provider<OpenSessions> openSessions, LoginReadAhead loginReadAhead) {
        this.clock = clock;
        this.openSessions = openSessions;
        this.loginReadAhead = loginReadAhead;
    }

    void end(Pop3xSession session, String reason) {
        if (!session.end()) {
            return;
        }
        openSessions.get().closed(session);
        session.optionalTransaction().ifPresent(transaction ->
            loginReadAhead.ended(transaction.user(), session.messagesAhead(), session.statistics().retrievedNewMail()));
        LOGGER.info("Logout user={} ip={} reason={} {} kept={} time={}ms",
            session.user().map(Untrusted::word).orElse("-"),
            session.remoteAddress(),
            reason,
            session.statistics().describe(),
            session.optionalTransaction()
                .map(transaction -> String.valueOf(transaction.size() - session.statistics().expungedCount()))
                .orElse("-"),
            Duration.between(session.connectedAt(), clock.instant()).toMillis());
    }
}
