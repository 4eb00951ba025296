package dev.pop3x.maildrop;

import java.time.Duration;
import java.util.Optional;

import org.apache.james.core.Username;

/**
 * Where the leases live that make a maildrop lock hold across the James nodes serving the same maildrops: a lease file
 * in each maildir on shared storage ({@code lock.maildir-lease}), or a compare-and-set row in Cassandra
 * ({@code lock.cassandra-lease}). A lease is held by one owner at a time and lapses when its holder stops renewing it
 * for {@link #duration()} (its node died, or lost the storage), so that a crashed node cannot lock a user out.
 */
public interface MaildropLeases {

    /**
     * Whether the operator turned these leases on: a backend's leases are bound whatever the settings, and used only
     * when enabled ({@code lock.maildir-lease} for the maildir backend's).
     */
    default boolean enabled() {
        return true;
    }

    /** How long a lease lasts without a renewal. */
    Duration duration();

    /**
     * Takes the user's lease (the whole maildrop's, or one device's) for this owner (a lapsed one is taken over), or returns empty when another owner holds it.
     *
     * @param owner node and session, for logs and {@link #holder}
     */
    Optional<MaildropLease> tryAcquire(Username user, Optional<String> device, String owner) throws MaildropException;

    /** Who holds the user's lease (or one device's), if anyone: the owner its holder gave. */
    Optional<String> holder(Username user, Optional<String> device) throws MaildropException;

    /** One holding of a lease. */
    interface MaildropLease {
        /** Extends the lease; false when it is no longer this holder's (it lapsed and another owner took it). */
        boolean renew();

        /** Whether this holder still has the lease, checked where the maildrop lives. */
        boolean isHeld();

        /** Gives the lease up, unless it is no longer this holder's. */
        void release();
    }
}
