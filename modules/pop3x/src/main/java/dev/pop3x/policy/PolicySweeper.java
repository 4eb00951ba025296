package dev.pop3x.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.utils.UserDefinedStartable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.policy.PolicyRunner.Outcome;

/**
 * Runs the deletion policy every {@code policy.sweep-interval} for the users who may have something to expire, so
 * that mail of users who no longer log in expires too. It visits only the {@link SweepLedger}'s candidates (users
 * with retrieved mail left: the policy removes nothing else), all users only until a first sweep over all of them has
 * filled the ledger. On several nodes sharing the ledger, each node sweeps every interval and a user swept by any node
 * within the last nine tenths of the interval is passed over (checked under the user's maildrop lock, which holds
 * across the nodes with a lease), so that each user is swept once per interval whichever nodes are up. Started by
 * James from {@code extensions.properties} ({@code guice.extension.startable=dev.pop3x.policy.PolicySweeper});
 * {@code 0s} turns it off.
 */
public final class PolicySweeper implements UserDefinedStartable {
    private static final Logger LOGGER = LoggerFactory.getLogger(PolicySweeper.class);

    private final PolicyRunner runner;
    private final SweepLedger ledger;
    private final Clock clock;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    @Inject
    public PolicySweeper(PolicyRunner runner, SweepLedger ledger, Clock clock, PolicySettings configuration) {
        this.runner = runner;
        this.ledger = ledger;
        this.clock = clock;
        this.interval = configuration.sweepInterval();
    }

    @Override
    public void start() {
        if (interval.isZero()) {
            LOGGER.info("The deletion policy sweeper is off (policy.sweep-interval=0s)");
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "pop3x-policy-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::sweep, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOGGER.info("The deletion policy sweeper runs every {}", interval);
    }

    /** One sweep; what it did, also logged. */
    public SweepSummary sweep() {
        Instant started = clock.instant();
        long startedNanos = System.nanoTime();
        try {
            boolean complete = ledger.isComplete();
            List<Username> users = complete ? ledger.candidates() : runner.users();
            Instant sweptSince = started.minus(interval.multipliedBy(9).dividedBy(10));
            Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
            for (Username user : users) {
                outcomes.merge(runner.sweep(user, sweptSince), 1, Integer::sum);
            }
            if (!complete && outcomes.getOrDefault(Outcome.FAILED, 0) == 0) {
                ledger.markComplete();
            }
            SweepSummary summary = new SweepSummary(complete, users.size(), outcomes, Duration.ofNanos(System.nanoTime() - startedNanos));
            LOGGER.info("Deletion policy sweep: {}", summary);
            return summary;
        } catch (UsersRepositoryException | RuntimeException e) {
            LOGGER.error("The deletion policy sweep failed", e);
            return new SweepSummary(false, 0, Map.of(Outcome.FAILED, 1), Duration.ofNanos(System.nanoTime() - startedNanos));
        }
    }

    @PreDestroy
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    /** What one sweep did. */
    public static final class SweepSummary {
        private final boolean candidatesOnly;
        private final int visited;
        private final Map<Outcome, Integer> outcomes;
        private final Duration took;

        SweepSummary(boolean candidatesOnly, int visited, Map<Outcome, Integer> outcomes, Duration took) {
            this.candidatesOnly = candidatesOnly;
            this.visited = visited;
            this.outcomes = Map.copyOf(outcomes);
            this.took = took;
        }

        public int visited() {
            return visited;
        }

        public int count(Outcome outcome) {
            return outcomes.getOrDefault(outcome, 0);
        }

        @Override
        public String toString() {
            return String.format("%d %s visited, %d swept, %d swept already by a node, %d in a session, %d failed, in %d ms",
                visited, candidatesOnly ? "candidates (users with retrieved mail)" : "users (all: the sweep ledger is not complete yet)",
                count(Outcome.RAN), count(Outcome.SWEPT_ALREADY), count(Outcome.BUSY), count(Outcome.FAILED), took.toMillis());
        }
    }
}
