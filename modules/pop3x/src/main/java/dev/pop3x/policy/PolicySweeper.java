package dev.pop3x.policy;

import java.time.Duration;
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

import dev.pop3x.config.PolicySettings;

/**
 * Runs the deletion policy for every user every {@code policy.sweep-interval}, so that mail of users who no longer
 * log in expires too. Started by James from {@code extensions.properties}
 * ({@code guice.extension.startable=dev.pop3x.policy.PolicySweeper}); {@code 0s} turns it off.
 */
public final class PolicySweeper implements UserDefinedStartable {
    private static final Logger LOGGER = LoggerFactory.getLogger(PolicySweeper.class);

    private final PolicyRunner runner;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    @Inject
    public PolicySweeper(PolicyRunner runner, PolicySettings configuration) {
        this.runner = runner;
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

    void sweep() {
        try {
            int ran = 0;
            int busy = 0;
            int failed = 0;
            for (Username user : runner.users()) {
                switch (runner.run(user, PolicyTrigger.SWEEPER, report -> { })) {
                    case RAN:
                        ran++;
                        break;
                    case BUSY:
                        busy++;
                        break;
                    default:
                        failed++;
                }
            }
            LOGGER.info("Deletion policy sweep: {} users, {} in a session, {} failed", ran, busy, failed);
        } catch (UsersRepositoryException | RuntimeException e) {
            LOGGER.error("The deletion policy sweep failed", e);
        }
    }

    @PreDestroy
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
