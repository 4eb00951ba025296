package dev.pop3x.maildrop;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.apache.james.core.Username;

/**
 * Exclusive access to a maildrop for one POP3 session (RFC 1939 section 8: "the POP3 server then acquires an
 * exclusive-access lock on the maildrop"). A login that finds the maildrop held waits, without holding a thread, for
 * the holder to let go: a session that ends (QUIT, or a connection the server notices is gone) lets go at once, and
 * one idle long enough is asked to give the maildrop up (a phone that lost its network leaves such a session
 * behind). A login still refused after the wait answers {@code -ERR [IN-USE]}.
 *
 * <p>Implementations must hold across every James node that serves the same maildrops. {@link LocalMaildropLocks}
 * does so for one node. Across nodes, a lock must live where the maildrop lives, with a lease so that a crashed node
 * cannot hold it forever ({@link LeasedMaildropLocks} over {@link MaildropLeases}): for Maildir on shared storage, a
 * lease file created with O_EXCL in the maildir and renewed by the holder ({@code maildir.MaildirLeases}); for James's
 * distributed mailboxes, a lightweight-transaction (compare-and-set) row in Cassandra with a TTL, renewed while the
 * session lasts ({@code cluster.CassandraLeases}).
 */
public interface MaildropLocks {

    /**
     * Locks the user's maildrop for a session: the whole maildrop, or one device's view of it (a login with a device
     * tag: the sessions of two devices of a user do not exclude each other, see {@code dev.pop3x.devices}). Completes
     * at once with the lock when nobody holds it; otherwise when the holder lets go, in the order requests came; or
     * empty when it still holds the maildrop after
     * {@code lock.wait} ({@link #BRIEF_HOLD_PATIENCE} for a brief holder, see {@link #tryLockBriefly}). A session
     * holder idle for {@code lock.takeover-after} is asked to give the maildrop up (see
     * {@link Holder#yieldIfIdle}). Completion may happen on any thread.
     */
    CompletableFuture<Optional<MaildropLock>> lock(Username user, Optional<String> device, Holder requester);

    /** Locks the whole maildrop (a session without a device tag). */
    default CompletableFuture<Optional<MaildropLock>> lock(Username user, Holder requester) {
        return lock(user, Optional.empty(), requester);
    }

    /**
     * Locks the user's maildrop for work that holds it a moment (the deletion policy run by the sweeper or WebAdmin),
     * or returns empty when anyone holds it. A login meanwhile waits for the release instead of getting
     * {@code [IN-USE]}.
     */
    Optional<MaildropLock> tryLockBriefly(Username user, String holder);

    /** Who holds the user's maildrop (or one device's view of it), if anyone. */
    Optional<String> holder(Username user, Optional<String> device);

    default Optional<String> holder(Username user) {
        return holder(user, Optional.empty());
    }

    /** How long a login waits for a brief holder. */
    Duration BRIEF_HOLD_PATIENCE = Duration.ofSeconds(5);

    /** A POP3 session that holds a maildrop, or asks for one. */
    interface Holder {
        /** Names it in logs: James's session id. */
        String id();

        /**
         * Another session asks for the maildrop. If this one has been idle at least {@code idle} (nothing read from
         * its client, no reply moving towards it) and is not in the middle of a command, it ends without its UPDATE
         * state (nothing is expunged, as for a lost connection) and so releases the maildrop, soon after the call.
         *
         * @return whether it will
         */
        boolean yieldIfIdle(Duration idle, Holder requester);
    }

    interface MaildropLock {
        /** Releases the lock; releasing twice is harmless. */
        void release();

        /**
         * Whether the lock is still this holder's, checked before the UPDATE state expunges anything: a lock across
         * nodes with a lease can be lost (its node lost the storage past the lease, and another node broke it).
         */
        default boolean isHeld() {
            return true;
        }
    }
}
