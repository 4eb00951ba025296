package dev.pop3x.webadmin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.james.core.Username;
import org.apache.james.task.Task;
import org.apache.james.task.TaskExecutionDetails;
import org.apache.james.task.TaskType;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.migration.UidlImporter;
import dev.pop3x.migration.UidlMap;

/**
 * The UIDL import for many users from one file ({@link BulkMapFile}), run as one James task that reads the file one
 * user at a time: each user's result (or why nothing was done for them: unknown, in a session) is in the task's
 * details. A file WebAdmin spooled from a request's body is deleted when the task ends; the operator's is kept.
 */
public final class UidlBulkImportTask implements Task {
    public static final TaskType TYPE = TaskType.of("pop3x-uidl-bulk-import");

    private static final Logger LOGGER = LoggerFactory.getLogger(UidlBulkImportTask.class);

    private final UidlImporter importer;
    private final UsersRepository usersRepository;
    private final Path file;
    private final boolean spooled;
    private final boolean dryRun;
    private final Clock clock;
    private final BulkProgress progress = new BulkProgress();
    private volatile Optional<String> failure = Optional.empty();

    /** @param spooled whether WebAdmin wrote the file from the request's body (then deleted when the task ends) */
    UidlBulkImportTask(UidlImporter importer, UsersRepository usersRepository, Path file, boolean spooled, boolean dryRun, Clock clock) {
        this.importer = importer;
        this.usersRepository = usersRepository;
        this.file = file;
        this.spooled = spooled;
        this.dryRun = dryRun;
        this.clock = clock;
    }

    @Override
    public Result run() {
        try {
            BulkMapFile.read(file, (user, map) -> {
                progress.usersMore(1);
                progress.done(importFor(user, map));
            });
            return progress.anyFailed() ? Result.PARTIAL : Result.COMPLETED;
        } catch (IOException | IllegalArgumentException e) {
            failure = Optional.of("Reading " + file + " failed: " + e.getMessage());
            return Result.PARTIAL;
        } finally {
            deleteIfSpooled();
        }
    }

    private void deleteIfSpooled() {
        if (!spooled) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOGGER.warn("Could not delete the spooled UIDL maps {}", file, e);
        }
    }

    private UserResult importFor(Username user, UidlMap map) {
        try {
            if (!usersRepository.contains(user)) {
                return UserResult.failed(user.asString(), "No user " + user.asString());
            }
            return UserResult.of(user.asString(), importer.importUidls(user, map, dryRun));
        } catch (UidlImporter.InUse e) {
            return UserResult.failed(user.asString(), e.getMessage());
        } catch (MaildropException | UsersRepositoryException | RuntimeException e) {
            LOGGER.warn("The UIDL import of {} failed", user.asString(), e);
            return UserResult.failed(user.asString(), "The store failed: " + e.getMessage());
        }
    }

    Path file() {
        return file;
    }

    boolean spooled() {
        return spooled;
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
        BulkProgress.Snapshot now = progress.snapshot(clock.instant());
        return Optional.of(new Details(dryRun, now.users(), now.done(), now.failed(), now.results(), failure, now.timestamp()));
    }

    /** The bulk import's progress and per-user results. */
    public static final class Details extends BulkDetails {
        public Details(boolean dryRun, int users, int done, int failed, List<UserResult> results, Optional<String> failure, Instant timestamp) {
            super(dryRun, Optional.empty(), users, done, failed, results, failure, timestamp);
        }
    }
}
