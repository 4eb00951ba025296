package dev.pop3x.maildrop;

import java.time.Duration;
import java.util.Optional;

import org.apache.james.core.Username;

/**
 * Exclusive access to a maildrop for one POP3 session (RFC 1939 section 8: "the POP3 server then acquires an
 * exclusive-access lock on the maildrop"). A second session of the same user gets nothing and answers
 * {@code -ERR [IN-USE]}.
 *
 * <p>Implementations must hold across every James node that serves the same maildrops. {@link LocalMaildropLocks}
 * does so for one node. Across nodes, a lock must live where the maildrop lives, with a lease so that a crashed
 * node cannot hold it forever: for Maildir on shared storage, a lock file created with O_EXCL in the maildir and
 * refreshed by the holder; for James's distributed mailboxes, a lightweight-transaction (compare-and-set) row in
 * Cassandra with a TTL, renewed while the session lasts.
 */
public interface MaildropLocks {

    /**
     * Locks the user's maildrop for the session, or returns empty when another session holds it. When a brief holder
     * (see {@link #tryLockBriefly}) has it, waits up to {@link #BRIEF_HOLD_PATIENCE} for it rather than refusing the
     * login.
     */
    Optional<MaildropLock> tryLock(Username user, String sessionId);

    /**
     * Locks the user's maildrop for work that holds it a moment (the deletion policy run by the sweeper or WebAdmin),
     * or returns empty when anyone holds it. A login meanwhile waits for the release instead of getting
     * {@code [IN-USE]}.
     */
    Optional<MaildropLock> tryLockBriefly(Username user, String holder);

    /** How long a login waits for a brief holder. */
    Duration BRIEF_HOLD_PATIENCE = Duration.ofSeconds(5);

    interface MaildropLock {
        /** Releases the lock; releasing twice is harmless. */
        void release();
    }
}
