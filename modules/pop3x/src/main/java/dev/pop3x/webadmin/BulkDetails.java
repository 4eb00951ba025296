package dev.pop3x.webadmin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.james.task.TaskExecutionDetails;

/** What {@code GET /tasks/<id>} shows of a bulk import or pull: the counts, and each done user's result. */
public abstract class BulkDetails implements TaskExecutionDetails.AdditionalInformation {
    private final boolean dryRun;
    private final Optional<String> server;
    private final int users;
    private final int done;
    private final int failed;
    private final List<UserResult> results;
    private final Optional<String> failure;
    private final Instant timestamp;

    BulkDetails(boolean dryRun, Optional<String> server, int users, int done, int failed, List<UserResult> results, Optional<String> failure,
                Instant timestamp) {
        this.dryRun = dryRun;
        this.server = server;
        this.users = users;
        this.done = done;
        this.failed = failed;
        this.results = List.copyOf(results);
        this.failure = failure;
        this.timestamp = timestamp;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    /** The old server of a pull: host, port and TLS mode. */
    public Optional<String> getServer() {
        return server;
    }

    /** Users the task has, as far as it has read them. */
    public int getUsers() {
        return users;
    }

    public int getDone() {
        return done;
    }

    /** Of the done, those for which nothing was done (their result says why). */
    public int getFailed() {
        return failed;
    }

    public List<UserResult> getResults() {
        return results;
    }

    /** Why the task stopped before its users, if it did. */
    public Optional<String> getFailure() {
        return failure;
    }

    @Override
    public Instant timestamp() {
        return timestamp;
    }
}
