package dev.pop3x.cluster;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import dev.pop3x.config.InvalidSettingException;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropKey;
import dev.pop3x.maildrop.MaildropLeases;
import dev.pop3x.maildrop.MaildropSettings;

/**
 * Maildrop leases in Cassandra ({@code lock.cassandra-lease}), for James nodes that share their mailboxes through it
 * (James's distributed apps) or that lock through it: one row per maildrop in the table
 * {@value #TABLE}, taken with a lightweight transaction ({@code INSERT ... IF NOT EXISTS}), renewed and released only
 * by its owner ({@code ... IF owner = ?}), and written with a TTL of the lease, so that the row of a node that died
 * disappears by itself. Checked with a serial read before the UPDATE state expunges anything. Cost per POP3 session:
 * three Paxos rounds (take, check at QUIT, release), and one more per third of the lease the session lasts.
 */
public final class CassandraLeases implements MaildropLeases {
    static final String TABLE = "pop3x_maildrop_lease";

    private static final Logger LOGGER = LoggerFactory.getLogger(CassandraLeases.class);

    private final CqlSession session;
    private final Duration duration;
    private final int ttlSeconds;
    private final ConsistencyLevel serial;
    private final PreparedStatement take;
    private final PreparedStatement renew;
    private final PreparedStatement release;
    private final PreparedStatement read;

    @Inject
    public CassandraLeases(CqlSession session, MaildropSettings settings) {
        this.session = session;
        this.duration = settings.cassandraLease().orElseThrow(() -> new InvalidSettingException(MaildropSettings.LOCK_CASSANDRA_LEASE.key(),
            "dev.pop3x.cluster.CassandraClusterModule is in extensions.properties but '" + MaildropSettings.LOCK_CASSANDRA_LEASE.key()
                + "' is off: give the lease a duration (e.g. 60s) or take the module out"));
        this.ttlSeconds = (int) Math.max(1, duration.toSeconds());
        this.serial = DefaultConsistencyLevel.valueOf(session.getContext().getConfig().getDefaultProfile()
            .getString(DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY, DefaultConsistencyLevel.SERIAL.name()));
        // the rows live a lease at most: tombstones need not outlive a short repair window
        session.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (maildrop text PRIMARY KEY, owner text) WITH gc_grace_seconds = 3600");
        this.take = session.prepare("INSERT INTO " + TABLE + " (maildrop, owner) VALUES (?, ?) IF NOT EXISTS USING TTL ?");
        this.renew = session.prepare("UPDATE " + TABLE + " USING TTL ? SET owner = ? WHERE maildrop = ? IF owner = ?");
        this.release = session.prepare("DELETE FROM " + TABLE + " WHERE maildrop = ? IF owner = ?");
        this.read = session.prepare("SELECT owner FROM " + TABLE + " WHERE maildrop = ?");
        LOGGER.info("Maildrop leases in Cassandra table {}.{}, {} each, serial consistency {}",
            session.getKeyspace().map(Object::toString).orElse("?"), TABLE, duration, serial);
    }

    @Override
    public Duration duration() {
        return duration;
    }

    @Override
    public Optional<MaildropLease> tryAcquire(Username user, Optional<String> device, String owner) throws MaildropException {
        String token = owner + " " + UUID.randomUUID();
        String key = MaildropKey.of(user, device);
        try {
            if (session.execute(take.bind(key, token, ttlSeconds)).wasApplied()) {
                return Optional.of(new Held(key, token));
            }
            return Optional.empty();
        } catch (DriverException e) {
            throw MaildropException.temporary("Cannot take the Cassandra lease of " + user.asString(), e);
        }
    }

    @Override
    public Optional<String> holder(Username user, Optional<String> device) throws MaildropException {
        try {
            return currentToken(MaildropKey.of(user, device)).map(token -> token.substring(0, Math.max(0, token.lastIndexOf(' '))));
        } catch (DriverException e) {
            throw MaildropException.temporary("Cannot read the Cassandra lease of " + user.asString(), e);
        }
    }

    private Optional<String> currentToken(String key) {
        Row row = session.execute(read.bind(key).setConsistencyLevel(serial)).one();
        return Optional.ofNullable(row).map(found -> found.getString("owner"));
    }

    /** A lease this node holds: the row's owner is its token. */
    private final class Held implements MaildropLease {
        private final String key;
        private final String token;

        Held(String key, String token) {
            this.key = key;
            this.token = token;
        }

        @Override
        public boolean renew() {
            try {
                return session.execute(renew.bind(ttlSeconds, token, key, token)).wasApplied();
            } catch (DriverException e) {
                LOGGER.warn("Cannot renew the Cassandra lease {}", this, e);
                return false;
            }
        }

        @Override
        public boolean isHeld() {
            try {
                return currentToken(key).filter(token::equals).isPresent();
            } catch (DriverException e) {
                LOGGER.warn("Cannot read the Cassandra lease {}", this, e);
                return false;
            }
        }

        @Override
        public void release() {
            try {
                session.execute(release.bind(key, token));
            } catch (DriverException e) {
                LOGGER.warn("Cannot release the Cassandra lease {}: it lapses after its TTL", this, e);
            }
        }

        @Override
        public String toString() {
            return TABLE + "[" + key + "] (" + token + ")";
        }
    }
}
