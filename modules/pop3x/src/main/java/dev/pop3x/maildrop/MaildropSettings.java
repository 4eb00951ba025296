package dev.pop3x.maildrop;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import dev.pop3x.config.InvalidSettingException;
import dev.pop3x.config.PerUser;
import dev.pop3x.config.Setting;
import dev.pop3x.config.Settings;

/**
 * Where a user's maildrop lives and how it is guarded: {@code maildrop.backend} names the backend (per domain and
 * per user; {@code james} is James's own mailboxes), {@code maildrop.lock} the exclusive lock of RFC 1939,
 * {@code lock.wait} how long a login waits for a holder to let go, {@code lock.takeover-after} how long a holder
 * must have been idle to be taken over, {@code lock.maildir-lease} and {@code lock.cassandra-lease} the lease that
 * makes the lock hold across James nodes; {@code maildrop.reuse-xuidl} lists a message carrying an {@code X-UIDL}
 * header field with its value (Dovecot's {@code pop3_reuse_xuidl}).
 */
public final class MaildropSettings {
    private static final Pattern BACKEND_NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    /** The backend of James's own mailboxes, the default. */
    public static final String JAMES_BACKEND = "james";
    /** The backend of Maildir++ directories shared with Dovecot, Courier and Postfix. */
    public static final String MAILDIR_BACKEND = "maildir";

    public static final Setting<Boolean> LOCK = Setting.flag("maildrop.lock", true);
    public static final Setting<Duration> LOCK_WAIT = Setting.duration("lock.wait", Duration.ofSeconds(1), Duration.ZERO, Duration.ofSeconds(30));
    public static final Setting<Optional<Duration>> LOCK_TAKEOVER_AFTER = Setting.durationOrOff("lock.takeover-after",
        Optional.of(Duration.ofSeconds(30)), Duration.ofSeconds(1), Duration.ofDays(1));
    public static final Setting<Optional<Duration>> LOCK_MAILDIR_LEASE = Setting.durationOrOff("lock.maildir-lease", Optional.empty(),
        Duration.ofSeconds(2), Duration.ofMinutes(10));
    public static final Setting<Optional<Duration>> LOCK_CASSANDRA_LEASE = Setting.durationOrOff("lock.cassandra-lease", Optional.empty(),
        Duration.ofSeconds(2), Duration.ofMinutes(10));
    public static final Setting<String> BACKEND = Setting.of("maildrop.backend", JAMES_BACKEND,
        "a backend name (letters, digits, '-')", text -> Optional.of(text).filter(name -> BACKEND_NAME.matcher(name).matches()),
        name -> name).perUser();
    public static final Setting<Boolean> REUSE_XUIDL = Setting.flag("maildrop.reuse-xuidl", false).perUser();

    /** Threads that make the maildrop, lock, lease and note calls of POP3 sessions, off the listener's event loops. */
    public static final Setting<Integer> THREADS = Setting.integer("maildrop.threads", 16, 1, 1024);

    public static final List<Setting<?>> ALL = List.of(LOCK, LOCK_WAIT, LOCK_TAKEOVER_AFTER, LOCK_MAILDIR_LEASE, LOCK_CASSANDRA_LEASE, BACKEND,
        REUSE_XUIDL, THREADS);

    private final Settings values;

    private MaildropSettings(Settings values) {
        this.values = values;
    }

    /**
     * @param backends the names of the backends James has
     * @throws InvalidSettingException when a user or domain is given a backend that does not exist
     */
    public static MaildropSettings from(Settings values, Set<String> backends) {
        values.perUser(BACKEND).values()
            .filter(name -> !backends.contains(name))
            .findFirst()
            .ifPresent(name -> {
                throw new InvalidSettingException(BACKEND.key(), "'" + BACKEND.key() + "' names backend '" + name
                    + "', which does not exist; backends are " + new TreeSet<>(backends));
            });
        return new MaildropSettings(values);
    }

    public boolean lock() {
        return values.get(LOCK);
    }

    /** How long a login waits for the maildrop's holder to release it before {@code [IN-USE]}. */
    public Duration lockWait() {
        return values.get(LOCK_WAIT);
    }

    /** How long a holder must have been idle for a login to take the maildrop over; empty: never. */
    public Optional<Duration> takeOverAfter() {
        return values.get(LOCK_TAKEOVER_AFTER);
    }

    /**
     * Whether maildir-backend maildrops are locked across James nodes sharing the Maildir tree, with a lease file in
     * each maildir, and how long a lease lasts without its holder renewing it (a node that died).
     */
    public Optional<Duration> maildirLease() {
        return values.get(LOCK_MAILDIR_LEASE);
    }

    /**
     * Whether every maildrop is locked across James nodes with a compare-and-set row in Cassandra (the module
     * {@code dev.pop3x.cluster.CassandraClusterModule}), and how long a lease lasts without its holder renewing it.
     */
    public Optional<Duration> cassandraLease() {
        return values.get(LOCK_CASSANDRA_LEASE);
    }

    public PerUser<String> backend() {
        return values.perUser(BACKEND);
    }

    /** How many threads make the sessions' maildrop, lock, lease and note calls. */
    public int threads() {
        return values.get(THREADS);
    }

    /** Whether a message carrying an {@code X-UIDL} header field is listed with it, per domain and per user. */
    public PerUser<Boolean> reuseXuidl() {
        return values.perUser(REUSE_XUIDL);
    }
}
