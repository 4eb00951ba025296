package dev.pop3x.webadmin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.james.core.Username;
import org.apache.james.task.Task;
import org.apache.james.task.TaskExecutionDetails;
import org.apache.james.task.TaskType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.migration.ImportReport;
import dev.pop3x.migration.UidlImporter;
import dev.pop3x.migration.pull.OldServer;
import dev.pop3x.migration.pull.PullFailure;
import dev.pop3x.migration.pull.PullReport;
import dev.pop3x.migration.pull.UidlPuller;

/**
 * A UIDL pull for one user, run as a James task: {@code GET /tasks/<id>} shows how many messages the previous server
 * listed and how they paired (the old server's that found none here are unmatched, the messages here that none of
 * its found are unpaired-here), or why it did not run. Its password is in {@link PullSecrets}, never in the task.
 */
public final class UidlPullTask implements Task {
    public static final TaskType TYPE = TaskType.of("pop3x-uidl-pull");

    private static final Logger LOGGER = LoggerFactory.getLogger(UidlPullTask.class);

    private final UidlPuller puller;
    private final PullSecrets secrets;
    private final Username user;
    private final String login;
    private final OldServer server;
    private final String secretId;
    private final boolean dryRun;
    private final Clock clock;
    private final AtomicReference<Optional<PullReport>> report = new AtomicReference<>(Optional.empty());
    private final AtomicReference<Optional<String>> failure = new AtomicReference<>(Optional.empty());

    UidlPullTask(UidlPuller puller, PullSecrets secrets, Username user, String login, OldServer server, String secretId, boolean dryRun,
                 Clock clock) {
        this.puller = puller;
        this.secrets = secrets;
        this.user = user;
        this.login = login;
        this.server = server;
        this.secretId = secretId;
        this.dryRun = dryRun;
        this.clock = clock;
    }

    @Override
    public Result run() {
        Optional<PullSecrets.Secret> secret = secrets.take(secretId);
        if (secret.isEmpty()) {
            failure.set(Optional.of(PullSecrets.missing()));
            return Result.PARTIAL;
        }
        try {
            report.set(Optional.of(puller.pull(user, server, secret.get().forUser(user, login).orElseThrow(), dryRun)));
            return Result.COMPLETED;
        } catch (PullFailure | UidlImporter.InUse e) {
            failure.set(Optional.of(e.getMessage()));
            return Result.PARTIAL;
        } catch (MaildropException | RuntimeException e) {
            LOGGER.warn("The UIDL pull of {} failed", user.asString(), e);
            failure.set(Optional.of("The store failed: " + e.getMessage()));
            return Result.PARTIAL;
        }
    }

    Username user() {
        return user;
    }

    String login() {
        return login;
    }

    OldServer server() {
        return server;
    }

    String secretId() {
        return secretId;
    }

    boolean dryRun() {
        return dryRun;
    }

    @Override
    public TaskType type() {
        return TYPE;
    }

    @Override
    public Optional<TaskExecutionDetails.AdditionalInformation> details() {
        Optional<PullReport> found = report.get();
        Optional<ImportReport> pairing = found.map(PullReport::pairing);
        return Optional.of(new Details(user.asString(), dryRun, server.toString(), found.map(PullReport::oldMessages).orElse(0),
            pairing.map(ImportReport::matched).orElse(0), pairing.map(ImportReport::unchanged).orElse(0),
            pairing.map(ImportReport::ambiguous).orElse(0), pairing.map(ImportReport::unmatchedCount).orElse(0),
            pairing.map(ImportReport::unmatched).orElse(List.of()), pairing.map(ImportReport::collisionCount).orElse(0),
            pairing.map(ImportReport::collisions).orElse(List.of()), pairing.map(ImportReport::unpairedHereCount).orElse(0),
            pairing.map(ImportReport::unpairedHere).orElse(List.of()), failure.get(), clock.instant()));
    }

    /** What the pull found; the unique-ids listed are the first {@value ImportReport#LISTED} of each kind. */
    public static final class Details implements TaskExecutionDetails.AdditionalInformation {
        private final String user;
        private final boolean dryRun;
        private final String server;
        private final int oldMessages;
        private final int matched;
        private final int unchanged;
        private final int ambiguous;
        private final int unmatched;
        private final List<String> unmatchedUidls;
        private final int collisions;
        private final List<String> collidingUidls;
        private final int unpairedHere;
        private final List<String> unpairedHereUidls;
        private final Optional<String> failure;
        private final Instant timestamp;

        public Details(String user, boolean dryRun, String server, int oldMessages, int matched, int unchanged, int ambiguous, int unmatched,
                       List<String> unmatchedUidls, int collisions, List<String> collidingUidls, int unpairedHere,
                       List<String> unpairedHereUidls, Optional<String> failure, Instant timestamp) {
            this.user = user;
            this.dryRun = dryRun;
            this.server = server;
            this.oldMessages = oldMessages;
            this.matched = matched;
            this.unchanged = unchanged;
            this.ambiguous = ambiguous;
            this.unmatched = unmatched;
            this.unmatchedUidls = List.copyOf(unmatchedUidls);
            this.collisions = collisions;
            this.collidingUidls = List.copyOf(collidingUidls);
            this.unpairedHere = unpairedHere;
            this.unpairedHereUidls = List.copyOf(unpairedHereUidls);
            this.failure = failure;
            this.timestamp = timestamp;
        }

        public String getUser() {
            return user;
        }

        public boolean isDryRun() {
            return dryRun;
        }

        /** Where the old server is: host, port and TLS mode. */
        public String getServer() {
            return server;
        }

        public int getOldMessages() {
            return oldMessages;
        }

        public int getMatched() {
            return matched;
        }

        public int getUnchanged() {
            return unchanged;
        }

        public int getAmbiguous() {
            return ambiguous;
        }

        /** Messages of the old server that none here matched. */
        public int getUnmatched() {
            return unmatched;
        }

        public List<String> getUnmatchedUidls() {
            return unmatchedUidls;
        }

        public int getCollisions() {
            return collisions;
        }

        public List<String> getCollidingUidls() {
            return collidingUidls;
        }

        /** Messages here that none of the old server's matched. */
        public int getUnpairedHere() {
            return unpairedHere;
        }

        public List<String> getUnpairedHereUidls() {
            return unpairedHereUidls;
        }

        public Optional<String> getFailure() {
            return failure;
        }

        @Override
        public Instant timestamp() {
            return timestamp;
        }
    }
}
