package dev.pop3x.maildrop;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.apache.james.core.Username;

/**
 * Who may use a user's maildrop at the same time, and the short lock under which state they share is changed.
 *
 * <p><b>The lock model.</b> There are two kinds of lock per user:
 * <ul>
 * <li><b>Session locks</b>, held while a POP3 session lasts (RFC 1939 section 8: "the POP3 server then acquires an
 * exclusive-access lock on the maildrop") or while a brief holder works:
 * <table>
 * <caption>which holders exclude which (per user)</caption>
 * <tr><th>holder</th><th>excludes</th><th>runs beside</th></tr>
 * <tr><td>a session without a device tag (the whole maildrop)</td><td>every other holder</td><td>nothing</td></tr>
 * <tr><td>a device session ({@code bob+phone@...})</td><td>the same device's sessions, whole-maildrop sessions, brief
 * holders</td><td>the sessions of the user's other devices</td></tr>
 * <tr><td>a brief holder of the whole maildrop: the deletion policy run by the sweeper or WebAdmin
 * ({@code PolicyRunner}), the UIDL import ({@code UidlImporter})</td><td>every other holder</td><td>nothing</td></tr>
 * <tr><td>a brief holder of one device: WebAdmin forgetting the device ({@code DeviceRoutes})</td><td>that device's
 * sessions, whole-maildrop holders</td><td>the other devices' sessions</td></tr>
 * </table>
 * A brief holder never waits: it gets nothing while anyone it excludes holds the maildrop (the sweeper skips the user,
 * whose QUIT runs the policy; the import and WebAdmin answer 409). A login that finds the maildrop held waits, without
 * holding a thread, for the holders in its way to let go, in the order logins came: a session that ends (QUIT, or a
 * connection the server notices is gone) lets go at once, and one idle long enough is asked to give the maildrop up
 * (a phone that lost its network leaves such a session behind). A login still refused after the wait answers
 * {@code -ERR [IN-USE]}.</li>
 * <li><b>The notes lock</b> ({@link #lockNotes}), held for the few store calls of one read-change-write of what the
 * sessions of a user share: the messages hidden from POP3, each device's state and with it the decision that every
 * device has deleted a message (taken together with that expunge), the registration of a new device against
 * {@code devices.max}, a device forgotten by WebAdmin. Nothing shared is changed outside it. It is taken last (never
 * while waiting for a session lock) and held by no session between commands, so it cannot deadlock.</li>
 * </ul>
 *
 * <p><b>Across nodes.</b> Every lock holds across the James nodes serving the same maildrops where a lease is
 * configured: this node's lock ({@link LocalMaildropLocks}) and a lease where the maildrop lives
 * ({@link LeasedMaildropLocks} over {@link MaildropLeases}): a lease file created with O_EXCL in the maildir
 * ({@code maildir.MaildirLeases}), or a compare-and-set row in Cassandra with a TTL ({@code cluster.CassandraLeases}).
 * The notes lock takes the lease {@link MaildropKey#NOTES}. A session lease is one per key (the whole maildrop, or one
 * device), so across nodes the leases keep two sessions of the same key apart, but not a device session on one node
 * from a whole-maildrop holder on another: there, what the two share is still changed under the notes lock only, and
 * a message the sweeper expunges on another node while a device session lists it answers {@code -ERR} to that
 * session's RETR (docs/devices.md).
 */
public interface MaildropLocks {

    /**
     * Locks the user's maildrop for a session: the whole maildrop, or one device's view of it (a login with a device
     * tag). Completes at once with the lock when nothing in its way holds it; otherwise when the holders in its way
     * let go, in the order requests came; or empty when they still hold it after {@code lock.wait}
     * ({@link #BRIEF_HOLD_PATIENCE} when only brief holders are in the way). A session holder idle for
     * {@code lock.takeover-after} is asked to give the maildrop up (see {@link Holder#yieldIfIdle}). Completion may
     * happen on any thread.
     */
    CompletableFuture<Optional<MaildropLock>> lock(Username user, Optional<String> device, Holder requester);

    /** Locks the whole maildrop (a session without a device tag). */
    default CompletableFuture<Optional<MaildropLock>> lock(Username user, Holder requester) {
        return lock(user, Optional.empty(), requester);
    }

    /**
     * Locks the user's whole maildrop (or one device of it) for work that holds it a moment, or returns empty when
     * anyone in its way holds it (see the table above). A login meanwhile waits for the release instead of getting
     * {@code [IN-USE]}.
     */
    Optional<MaildropLock> tryLockBriefly(Username user, Optional<String> device, String holder);

    /** Locks the whole maildrop briefly (the deletion policy, the UIDL import). */
    default Optional<MaildropLock> tryLockBriefly(Username user, String holder) {
        return tryLockBriefly(user, Optional.empty(), holder);
    }

    /**
     * Takes the user's notes lock, blocking the calling thread (never an event loop) for at most
     * {@link #BRIEF_HOLD_PATIENCE}; close it once the read-change-write is done.
     *
     * @throws MaildropException (temporary) when another holder keeps it longer
     */
    NotesLock lockNotes(Username user) throws MaildropException;

    /**
     * Who holds the user's maildrop (or one device's view of it), if anyone: for the whole maildrop, its holder or
     * else the holder of any device.
     */
    Optional<String> holder(Username user, Optional<String> device);

    default Optional<String> holder(Username user) {
        return holder(user, Optional.empty());
    }

    /** How long a login waits for a brief holder, and anyone for the notes lock. */
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

    /** The user's notes lock, held until closed. */
    interface NotesLock extends AutoCloseable {
        @Override
        void close();
    }
}
