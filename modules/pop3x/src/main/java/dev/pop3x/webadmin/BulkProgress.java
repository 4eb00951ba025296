package dev.pop3x.webadmin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a bulk import or pull is: how many users it has, how many are done and how many failed, and each done user's
 * result in the order they ended. Read by {@code GET /tasks/<id>} while the task runs.
 */
final class BulkProgress {
    private final AtomicInteger users = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final List<UserResult> results = new ArrayList<>();

    void users(int count) {
        users.set(count);
    }

    void usersMore(int count) {
        users.addAndGet(count);
    }

    void done(UserResult result) {
        if (!result.succeeded()) {
            failed.incrementAndGet();
        }
        synchronized (results) {
            results.add(result);
        }
    }

    boolean anyFailed() {
        return failed.get() > 0;
    }

    Snapshot snapshot(Instant now) {
        synchronized (results) {
            return new Snapshot(users.get(), results.size(), failed.get(), List.copyOf(results), now);
        }
    }

    /** The progress at one moment. */
    static final class Snapshot {
        private final int users;
        private final int done;
        private final int failed;
        private final List<UserResult> results;
        private final Instant timestamp;

        Snapshot(int users, int done, int failed, List<UserResult> results, Instant timestamp) {
            this.users = users;
            this.done = done;
            this.failed = failed;
            this.results = results;
            this.timestamp = timestamp;
        }

        int users() {
            return users;
        }

        int done() {
            return done;
        }

        int failed() {
            return failed;
        }

        List<UserResult> results() {
            return results;
        }

        Instant timestamp() {
            return timestamp;
        }
    }
}
