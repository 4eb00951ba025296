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
import dev.pop3x.migration.UidlMap;

/**
 * A UIDL import for one user, run as a James task; {@code GET /tasks/<id>} shows what it matched, or why it did not
 * run (the user was in a POP3 session, the store failed).
 */
public final class UidlImportTask implements Task {
    public static final TaskType TYPE = TaskType.of("pop3x-uidl-import");

    private static final Logger LOGGER = LoggerFactory.getLogger(UidlImportTask.class);

    private final UidlImporter importer;
    private final Username user;
    private final UidlMap map;
    private final boolean dryRun;
    private final Clock clock;
    private final AtomicReference<Optional<ImportReport>> report = new AtomicReference<>(Optional.empty());
    private final AtomicReference<Optional<String>> failure = new AtomicReference<>(Optional.empty());

    UidlImportTask(UidlImporter importer, Username user, UidlMap map, boolean dryRun, Clock clock) {
        this.importer = importer;
        this.user = user;
        this.map = map;
        this.dryRun = dryRun;
        this.clock = clock;
    }

    @Override
    public Result run() {
        try {
            report.set(Optional.of(importer.importUidls(user, map, dryRun)));
            return Result.COMPLETED;
        } catch (UidlImporter.InUse e) {
            failure.set(Optional.of(e.getMessage()));
            return Result.PARTIAL;
        } catch (MaildropException | RuntimeException e) {
            LOGGER.warn("The UIDL import of {} failed", user.asString(), e);
            failure.set(Optional.of("The store failed: " + e.getMessage()));
            return Result.PARTIAL;
        }
    }

    Username user() {
        return user;
    }

    UidlMap map() {
        return map;
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
        Optional<ImportReport> found = report.get();
        return Optional.of(new Details(user.asString(), dryRun, map.entries().size(),
            found.map(ImportReport::matched).orElse(0), found.map(ImportReport::unchanged).orElse(0),
            found.map(ImportReport::ambiguous).orElse(0), found.map(ImportReport::unmatchedCount).orElse(0),
            found.map(ImportReport::unmatched).orElse(List.of()), found.map(ImportReport::collisionCount).orElse(0),
            found.map(ImportReport::collisions).orElse(List.of()), found.map(ImportReport::unpairedHereCount).orElse(0),
            found.map(ImportReport::unpairedHere).orElse(List.of()), failure.get(), clock.instant()));
    }

    /** What the import found; the unique-ids listed are the first {@value ImportReport#LISTED} of each kind. */
    public static final class Details implements TaskExecutionDetails.AdditionalInformation {
        private final String user;
        private final boolean dryRun;
        private final int entries;
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

        public Details(String user, boolean dryRun, int entries, int matched, int unchanged, int ambiguous, int unmatched,
                       List<String> unmatchedUidls, int collisions, List<String> collidingUidls, int unpairedHere,
                       List<String> unpairedHereUidls, Optional<String> failure, Instant timestamp) {
            this.unpairedHere = unpairedHere;
            this.unpairedHereUidls = List.copyOf(unpairedHereUidls);
            this.user = user;
            this.dryRun = dryRun;
            this.entries = entries;
            this.matched = matched;
            this.unchanged = unchanged;
            this.ambiguous = ambiguous;
            this.unmatched = unmatched;
            this.unmatchedUidls = List.copyOf(unmatchedUidls);
            this.collisions = collisions;
            this.collidingUidls = List.copyOf(collidingUidls);
            this.failure = failure;
            this.timestamp = timestamp;
        }

        public String getUser() {
            return user;
        }

        public boolean isDryRun() {
            return dryRun;
        }

        public int getEntries() {
            return entries;
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

        /** Messages here that no entry of the map matched. */
        public int getUnpairedHere() {
            return unpairedHere;
        }

        /** Their unique-ids here. */
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
