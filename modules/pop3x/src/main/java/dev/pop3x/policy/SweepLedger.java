package dev.pop3x.policy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.james.core.Username;

/**
 * What the sweeper needs to visit only users with something the policy could remove, and each of them once per
 * {@code policy.sweep-interval} across the James nodes: the users with retrieved mail still in their maildrop (the
 * policy never removes anything else), and when each was last swept. Shared by the nodes: a directory on the
 * storage they share ({@link DirectorySweepLedger}), or Cassandra ({@code dev.pop3x.cluster.CassandraSweepLedger}).
 * Written under the user's maildrop lock, so that the writes of one user never race.
 */
public interface SweepLedger {

    /**
     * Whether the ledger knows every candidate: false until the first sweep over every user has finished (on a new
     * installation, or after an upgrade from a version without the ledger), which then visits all users once.
     */
    boolean isComplete();

    void markComplete();

    /** The users that may have retrieved mail in their maildrop. */
    List<Username> candidates();

    /** A session recorded retrievals for the user: a candidate from now on. */
    void retrieved(Username user);

    /** When the user was last swept, by any node. */
    Optional<Instant> lastSwept(Username user);

    /**
     * The user was swept at {@code when}; when no retrieved mail is left, the user stops being a candidate until a
     * client retrieves mail again.
     */
    void swept(Username user, Instant when, boolean retrievedMailLeft);
}
