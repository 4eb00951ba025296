package dev.pop3x.webadmin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.james.core.Username;
import org.apache.james.task.Task;
import org.apache.james.task.TaskExecutionDetails;
import org.apache.james.task.TaskType;
import org.apache.james.user.api.UsersRepositoryException;

import dev.pop3x.policy.PolicyRunner;
import dev.pop3x.policy.PolicyTrigger;

/**
 * The deletion policy run as a James task, for one user or for all, with its progress in the task's details
 * ({@code GET /tasks/<id>}): users done, skipped because in a session, failed, and messages and octets expunged.
 */
public final class PolicyTask implements Task {
    public static final TaskType TYPE = TaskType.of("pop3x-deletion-policy");

    private final PolicyRunner runner;
    private final Optional<Username> user;
    private final Clock clock;
    private final AtomicLong users = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong busy = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong expungedMessages = new AtomicLong();
    private final AtomicLong expungedOctets = new AtomicLong();

    PolicyTask(PolicyRunner runner, Optional<Username> user, Clock clock) {
        this.runner = runner;
        this.user = user;
        this.clock = clock;
    }

    @Override
    public Result run() {
        List<Username> targets;
        try {
            targets = user.map(List::of).orElse(runner.users());
        } catch (UsersRepositoryException e) {
            failed.incrementAndGet();
            return Result.PARTIAL;
        }
        users.set(targets.size());
        for (Username target : targets) {
            PolicyRunner.Outcome outcome = runner.run(target, PolicyTrigger.WEBADMIN, report -> {
                if (!report.dryRun()) {
                    expungedMessages.addAndGet(report.expunctions().size());
                    expungedOctets.addAndGet(report.expungedOctets());
                }
            });
            switch (outcome) {
                case RAN:
                    done.incrementAndGet();
                    break;
                case BUSY:
                    busy.incrementAndGet();
                    break;
                default:
                    failed.incrementAndGet();
            }
        }
        return failed.get() == 0 ? Result.COMPLETED : Result.PARTIAL;
    }

    /** The user it runs for; empty: every user. */
    Optional<Username> user() {
        return user;
    }

    @Override
    public TaskType type() {
        return TYPE;
    }

    @Override
    public Optional<TaskExecutionDetails.AdditionalInformation> details() {
        return Optional.of(new Details(user.map(Username::asString).orElse("*"), users.get(), done.get(), busy.get(), failed.get(),
            expungedMessages.get(), expungedOctets.get(), clock.instant()));
    }

    /** The progress of a run. */
    public static final class Details implements TaskExecutionDetails.AdditionalInformation {
        private final String scope;
        private final long users;
        private final long done;
        private final long busy;
        private final long failed;
        private final long expungedMessages;
        private final long expungedOctets;
        private final Instant timestamp;

        public Details(String scope, long users, long done, long busy, long failed, long expungedMessages, long expungedOctets,
                       Instant timestamp) {
            this.scope = scope;
            this.users = users;
            this.done = done;
            this.busy = busy;
            this.failed = failed;
            this.expungedMessages = expungedMessages;
            this.expungedOctets = expungedOctets;
            this.timestamp = timestamp;
        }

        public String getScope() {
            return scope;
        }

        public long getUsers() {
            return users;
        }

        public long getDone() {
            return done;
        }

        public long getBusy() {
            return busy;
        }

        public long getFailed() {
            return failed;
        }

        public long getExpungedMessages() {
            return expungedMessages;
        }

        public long getExpungedOctets() {
            return expungedOctets;
        }

        @Override
        public Instant timestamp() {
            return timestamp;
        }
    }
}
