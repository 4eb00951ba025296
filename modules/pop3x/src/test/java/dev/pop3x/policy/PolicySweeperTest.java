package dev.pop3x.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.james.core.Username;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.user.memory.MemoryUsersRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pop3x.Pop3xSettings;
import dev.pop3x.config.Settings;
import dev.pop3x.maildrop.LocalMaildropLocks;
import dev.pop3x.maildrop.MaildropSettings;
import dev.pop3x.policy.PolicyRunner.Outcome;
import dev.pop3x.protocol.SteppedClock;

/**
 * The sweeper visits the users the sweep ledger names (those with retrieved mail), all users only until a first
 * sweep has filled it, and on nodes sharing the ledger sweeps each user once per interval.
 */
class PolicySweeperTest {
    private static final Duration INTERVAL = Duration.ofHours(1);
    private static final Instant LONG_AGO = Instant.parse("2026-01-01T00:00:00Z");

    private final SteppedClock clock = new SteppedClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final CountingMaildrops store = new CountingMaildrops();
    private final MemoryUsersRepository users = MemoryUsersRepository.withoutVirtualHosting(null);
    private final Settings settings = Pop3xSettings.of(Map.of("expire.days", "30", "policy.sweep-interval", "1h"));
    private SweepLedger ledger;

    @BeforeEach
    void ledger(@TempDir Path directory) {
        ledger = new DirectorySweepLedger(directory);
    }

    /** One James node's sweeper over the shared store and ledger, with its own locks. */
    private PolicySweeper node() {
        PolicySettings policy = new PolicySettings(settings);
        MaildropSettings maildrops = MaildropSettings.from(settings, Set.of("james"));
        PolicyRunner runner = new PolicyRunner(store, new LocalMaildropLocks(maildrops), new PolicyEnforcer(policy, clock, new RecordingMetricFactory()),
            users, ledger, clock);
        return new PolicySweeper(runner, ledger, clock, policy);
    }

    private Username user(String name, boolean withRetrievedMail) throws Exception {
        Username user = Username.of(name);
        users.addUser(user, "secret");
        store.deliver(user, Optional.empty());
        if (withRetrievedMail) {
            store.deliver(user, Optional.of(LONG_AGO));
            store.deliver(user, Optional.of(clock.instant()));
        }
        return user;
    }

    @Test
    void theFirstSweepVisitsEveryUserAndTheNextOnlyThoseWithRetrievedMailLeft() throws Exception {
        for (int i = 0; i < 100; i++) {
            user("idle" + i, false);
        }
        Username reader = user("reader", true);
        PolicySweeper sweeper = node();

        PolicySweeper.SweepSummary first = sweeper.sweep();
        clock.advance(INTERVAL);
        PolicySweeper.SweepSummary second = sweeper.sweep();

        assertThat(first.visited()).isEqualTo(101);
        assertThat(second.visited()).isEqualTo(1);
        assertThat(second.count(Outcome.RAN)).isEqualTo(1);
        assertThat(store.opened()).isEqualTo(102);
        assertThat(store.messages(reader)).isEqualTo(2);
    }

    @Test
    void aUserWhoseRetrievedMailIsAllGoneIsNoLongerVisited() throws Exception {
        Username user = Username.of("expiring");
        users.addUser(user, "secret");
        store.deliver(user, Optional.of(LONG_AGO));
        PolicySweeper sweeper = node();

        sweeper.sweep();
        clock.advance(INTERVAL);
        PolicySweeper.SweepSummary after = sweeper.sweep();

        assertThat(store.messages(user)).isZero();
        assertThat(after.visited()).isZero();
    }

    @Test
    void aUserWhoRetrievesMailBecomesACandidateAgain() throws Exception {
        Username user = user("returning", false);
        PolicySweeper sweeper = node();
        sweeper.sweep();
        clock.advance(INTERVAL);
        assertThat(sweeper.sweep().visited()).isZero();

        store.deliver(user, Optional.of(clock.instant()));
        ledger.retrieved(user);

        assertThat(sweeper.sweep().count(Outcome.RAN)).isEqualTo(1);
    }

    @Test
    void twoNodesSharingTheLedgerSweepEachUserOncePerInterval() throws Exception {
        for (int i = 0; i < 10; i++) {
            user("reader" + i, true);
        }
        PolicySweeper one = node();
        PolicySweeper two = node();
        one.sweep();
        int afterFirstSweep = store.opened();

        clock.advance(INTERVAL);
        PolicySweeper.SweepSummary first = one.sweep();
        clock.advance(INTERVAL.dividedBy(2));
        PolicySweeper.SweepSummary second = two.sweep();
        clock.advance(INTERVAL.dividedBy(2));
        PolicySweeper.SweepSummary third = two.sweep();

        assertThat(first.count(Outcome.RAN)).isEqualTo(10);
        assertThat(second.count(Outcome.SWEPT_ALREADY)).isEqualTo(10);
        assertThat(third.count(Outcome.RAN)).isEqualTo(10);
        assertThat(store.opened() - afterFirstSweep).isEqualTo(20);
    }
}
