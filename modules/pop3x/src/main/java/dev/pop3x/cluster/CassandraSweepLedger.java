package dev.pop3x.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;

import dev.pop3x.policy.SweepLedger;

/**
 * The sweep ledger in Cassandra, shared by the James nodes: a row per user with retrieved mail in
 * {@value #TABLE}, spread over {@value #BUCKETS} partitions (so that no partition holds every user), with the time
 * the user was last swept; and a row of {@value #STATE_TABLE} once a sweep has visited every user. Written under
 * the user's maildrop lock (a Cassandra lease), so plain writes suffice: no lightweight transaction.
 */
public final class CassandraSweepLedger implements SweepLedger {
    static final String TABLE = "pop3x_sweep_ledger";
    static final String STATE_TABLE = "pop3x_sweep_state";
    static final int BUCKETS = 64;
    private static final String COMPLETE = "complete";

    private final CqlSession session;
    private final PreparedStatement add;
    private final PreparedStatement swept;
    private final PreparedStatement remove;
    private final PreparedStatement lastSwept;
    private final PreparedStatement bucket;
    private final PreparedStatement setState;
    private final PreparedStatement state;

    @Inject
    public CassandraSweepLedger(CqlSession session) {
        this.session = session;
        session.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (bucket int, user text, swept timestamp, PRIMARY KEY (bucket, user))");
        session.execute("CREATE TABLE IF NOT EXISTS " + STATE_TABLE + " (name text PRIMARY KEY, since timestamp)");
        this.add = session.prepare("INSERT INTO " + TABLE + " (bucket, user) VALUES (?, ?)");
        this.swept = session.prepare("UPDATE " + TABLE + " SET swept = ? WHERE bucket = ? AND user = ?");
        this.remove = session.prepare("DELETE FROM " + TABLE + " WHERE bucket = ? AND user = ?");
        this.lastSwept = session.prepare("SELECT swept FROM " + TABLE + " WHERE bucket = ? AND user = ?");
        this.bucket = session.prepare("SELECT user FROM " + TABLE + " WHERE bucket = ?");
        this.setState = session.prepare("INSERT INTO " + STATE_TABLE + " (name, since) VALUES (?, ?)");
        this.state = session.prepare("SELECT since FROM " + STATE_TABLE + " WHERE name = ?");
    }

    private static String key(Username user) {
        return user.asString().toLowerCase(Locale.ROOT);
    }

    private static int bucketOf(String key) {
        return Math.floorMod(key.hashCode(), BUCKETS);
    }

    @Override
    public boolean isComplete() {
        return session.execute(state.bind(COMPLETE)).one() != null;
    }

    @Override
    public void markComplete() {
        session.execute(setState.bind(COMPLETE, Instant.now()));
    }

    @Override
    public List<Username> candidates() {
        List<Username> candidates = new ArrayList<>();
        for (int i = 0; i < BUCKETS; i++) {
            for (Row row : session.execute(bucket.bind(i))) {
                candidates.add(Username.of(row.getString("user")));
            }
        }
        return candidates;
    }

    @Override
    public void retrieved(Username user) {
        String key = key(user);
        session.execute(add.bind(bucketOf(key), key));
    }

    @Override
    public Optional<Instant> lastSwept(Username user) {
        String key = key(user);
        return Optional.ofNullable(session.execute(lastSwept.bind(bucketOf(key), key)).one())
            .flatMap(row -> Optional.ofNullable(row.getInstant("swept")));
    }

    @Override
    public void swept(Username user, Instant when, boolean retrievedMailLeft) {
        String key = key(user);
        if (retrievedMailLeft) {
            session.execute(swept.bind(when, bucketOf(key), key));
        } else {
            session.execute(remove.bind(bucketOf(key), key));
        }
    }
}
