package dev.pop3x.protocol;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.core.Username;
import org.apache.james.metrics.api.GaugeRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.log.Untrusted;

/**
 * The POP3 sessions open on this James node, as an operator sees them ({@code GET /pop3x/sessions}) and closes them
 * ({@code DELETE /pop3x/sessions/...}); their number is the gauge {@value #GAUGE}. A session closed this way ends as
 * a dropped connection does: without its UPDATE state (nothing it marked deleted is expunged), its maildrop released,
 * one log line naming who asked.
 */
@Singleton
public final class OpenSessions {
    static final String GAUGE = "pop3x-connections";
    private static final Logger LOGGER = LoggerFactory.getLogger(OpenSessions.class);
    /** How long a look at a session waits for its event loop. */
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private final Map<String, Pop3xSession> sessions = new ConcurrentHashMap<>();
    private final Logout logout;
    private final Replies replies;

    @Inject
    OpenSessions(Logout logout, Replies replies, GaugeRegistry gauges) {
        this.logout = logout;
        this.replies = replies;
        gauges.register(GAUGE, sessions::size);
    }

    void opened(Pop3xSession session) {
        sessions.put(session.james().getSessionID(), session);
    }

    void closed(Pop3xSession session) {
        sessions.remove(session.james().getSessionID());
    }

    /** How many POP3 connections are open. */
    public int count() {
        return sessions.size();
    }

    /** The sessions open now, oldest first; only the user's, when one is given. */
    public List<SessionSummary> list(Optional<Username> user) {
        List<CompletableFuture<Optional<SessionSummary>>> looks = new ArrayList<>();
        for (Pop3xSession session : sessions.values()) {
            looks.add(CompletableFuture.supplyAsync(() -> summary(session), session.input().later()));
        }
        List<SessionSummary> summaries = new ArrayList<>();
        for (CompletableFuture<Optional<SessionSummary>> look : looks) {
            seen(look).flatMap(summary -> summary)
                .filter(summary -> user.map(wanted -> summary.user().equals(Optional.of(wanted.asString()))).orElse(true))
                .ifPresent(summaries::add);
        }
        summaries.sort(Comparator.comparing(SessionSummary::since).thenComparing(SessionSummary::id));
        return summaries;
    }

    /** Made on the session's event loop, where its state changes. */
    private static Optional<SessionSummary> summary(Pop3xSession session) {
        if (session.isEnded()) {
            return Optional.empty();
        }
        Optional<Transaction> transaction = session.optionalTransaction();
        return Optional.of(new SessionSummary(session.james().getSessionID(), session.user(),
            transaction.flatMap(Transaction::device), session.remoteAddress(), session.tlsActive(),
            transaction.isPresent() ? "TRANSACTION" : "AUTHORIZATION", session.connectedAt(),
            session.statistics().commands(), session.output().octets()));
    }

    /**
     * Closes the session as a dropped connection would end it.
     *
     * @param requestedBy who asked, for the log line
     * @return whether a session with this id was open
     */
    public boolean close(String id, String requestedBy) {
        Pop3xSession session = sessions.get(id);
        if (session == null) {
            return false;
        }
        return seen(CompletableFuture.supplyAsync(() -> closeOnLoop(session, requestedBy), session.input().later())).orElse(false);
    }

    /** Closes every session of the user; how many were open. */
    public int closeAll(Username user, String requestedBy) {
        int closed = 0;
        for (SessionSummary summary : list(Optional.of(user))) {
            if (close(summary.id(), requestedBy)) {
                closed++;
            }
        }
        return closed;
    }

    private boolean closeOnLoop(Pop3xSession session, String requestedBy) {
        if (session.isEnded()) {
            return false;
        }
        LOGGER.info("Session {} of {} from {} closed by {} over WebAdmin; nothing it marked deleted is expunged",
            session.james().getSessionID(), session.user().map(Untrusted::word).orElse("-"), session.remoteAddress(), requestedBy);
        logout.end(session, "closed-by-admin");
        session.input().write(replies.render(session, "close", Reply.err(Text.CLOSED_BY_ADMINISTRATOR).then(Reply.After.END_SESSION)));
        return true;
    }

    private static <T> Optional<T> seen(CompletableFuture<T> look) {
        try {
            return Optional.ofNullable(look.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            LOGGER.warn("A POP3 session could not be looked at", e);
            return Optional.empty();
        }
    }
}
