package dev.pop3x.protocol;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import javax.inject.Inject;
import javax.inject.Singleton;

import com.google.common.util.concurrent.MoreExecutors;

import dev.pop3x.maildrop.MaildropSettings;

/**
 * The threads that make POP3 sessions' storage calls (maildrops, locks, leases, notes, the users repository), so
 * that the listener's event loops only parse, route and write: on a store where each call is a network round trip
 * (Cassandra, a SQL database), a call on an event loop would hold up every other connection it serves. Their number is
 * {@code maildrop.threads}. Each session's calls run in the order it makes them, one at a time.
 */
@Singleton
public final class StorageThreads {
    private final ExecutorService threads;

    @Inject
    StorageThreads(MaildropSettings settings) {
        this.threads = Executors.newFixedThreadPool(settings.threads(), new Named());
    }

    /** A session's own line of storage calls: run on these threads, in order, one at a time. */
    Executor forSession() {
        return MoreExecutors.newSequentialExecutor(threads);
    }

    private static final class Named implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "pop3x-storage-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
