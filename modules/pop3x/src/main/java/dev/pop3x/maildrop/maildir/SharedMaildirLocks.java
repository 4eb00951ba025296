package dev.pop3x.maildrop.maildir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.annotation.PreDestroy;
import javax.inject.Inject;

import org.apache.james.core.Username;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.config.MaildropSettings;
import dev.pop3x.maildrop.LocalMaildropLocks;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropLocks;

/**
 * Maildrop locks that hold across the James nodes sharing a Maildir tree ({@code lock.maildir-lease}): a session of a
 * maildir-backend user holds this node's lock ({@link LocalMaildropLocks}: queueing, take-over of an idle session) and
 * the maildir's {@link MaildirLease}, renewed every third of the lease while the session lasts. A login that finds the
 * lease held by another node tries again every {@value #RETRY_MILLIS} ms for {@code lock.wait} (5 s for a brief
 * holder), then is refused with {@code [IN-USE]}; a node that died stops renewing, and its lease is broken once stale.
 * Other users, and every user when the setting is off, get this node's locks alone.
 */
public final class SharedMaildirLocks implements MaildropLocks {
    static final long RETRY_MILLIS = 100;

    private static final Logger LOGGER = LoggerFactory.getLogger(SharedMaildirLocks.class);

    private final LocalMaildropLocks local;
    private final MaildropSettings settings;
    private final MaildirLocation location;
    private final Clock clock;
    private final String node;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pop3x-maildir-leases");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    public SharedMaildirLocks(LocalMaildropLocks local, MaildropSettings settings, MaildirLocation location, Clock clock) {
        this.local = local;
        this.settings = settings;
        this.location = location;
        this.clock = clock;
        this.node = ManagementFactory.getRuntimeMXBean().getName();
    }

    private Optional<Duration> leaseFor(Username user) {
        return MaildropSettings.MAILDIR_BACKEND.equals(settings.backend().forUser(user)) ? settings.maildirLease() : Optional.empty();
    }

    @Override
    public CompletableFuture<Optional<MaildropLock>> lock(Username user, Holder requester) {
        Optional<Duration> lease = leaseFor(user);
        if (lease.isEmpty()) {
            return local.lock(user, requester);
        }
        return local.lock(user, requester).thenCompose(held -> held.isEmpty()
            ? CompletableFuture.completedFuture(Optional.empty())
            : withLease(user, requester.id(), held.get(), lease.get(), clock.instant().plus(settings.lockWait())));
    }

    @Override
    public Optional<MaildropLock> tryLockBriefly(Username user, String holder) {
        Optional<Duration> lease = leaseFor(user);
        Optional<MaildropLock> held = local.tryLockBriefly(user, holder);
        if (lease.isEmpty() || held.isEmpty()) {
            return held;
        }
        Optional<MaildirLease> taken = acquire(user, holder, lease.get());
        if (taken.isEmpty()) {
            held.get().release();
            return Optional.empty();
        }
        return Optional.of(new Leased(held.get(), taken.get(), lease.get()));
    }

    @Override
    public Optional<String> holder(Username user) {
        Optional<String> here = local.holder(user);
        if (here.isPresent() || leaseFor(user).isEmpty()) {
            return here;
        }
        try {
            return MaildirLease.holder(location.of(user));
        } catch (IOException | MaildropException e) {
            return Optional.empty();
        }
    }

    /** Takes the lease once this node's lock is held, trying again until the deadline; releases the node's lock if not. */
    private CompletableFuture<Optional<MaildropLock>> withLease(Username user, String holder, MaildropLock held, Duration lease,
                                                                Instant deadline) {
        CompletableFuture<Optional<MaildropLock>> granted = new CompletableFuture<>();
        tryLease(user, holder, held, lease, deadline, granted);
        return granted;
    }

    private void tryLease(Username user, String holder, MaildropLock held, Duration lease, Instant deadline,
                          CompletableFuture<Optional<MaildropLock>> granted) {
        Optional<MaildirLease> taken = acquire(user, holder, lease);
        if (taken.isPresent()) {
            granted.complete(Optional.of(new Leased(held, taken.get(), lease)));
        } else if (clock.instant().isBefore(deadline)) {
            timer.schedule(() -> tryLease(user, holder, held, lease, deadline, granted), RETRY_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            held.release();
            granted.complete(Optional.empty());
        }
    }

    private Optional<MaildirLease> acquire(Username user, String holder, Duration lease) {
        try {
            Path maildir = location.of(user);
            if (!maildir.toFile().isDirectory()) {
                // its first login creates it: nobody else can be serving it
                return MaildirLease.tryAcquire(Files.createDirectories(maildir), node + " " + holder, lease, clock);
            }
            return MaildirLease.tryAcquire(maildir, node + " " + holder, lease, clock);
        } catch (IOException | MaildropException | RuntimeException e) {
            LOGGER.warn("Cannot take the maildir lease of {}", user.asString(), e);
            return Optional.empty();
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    /** This node's lock with the maildir's lease, renewed until released. */
    private final class Leased implements MaildropLock {
        private final MaildropLock held;
        private final MaildirLease lease;
        private final Duration duration;
        private final ScheduledFuture<?> renewal;

        Leased(MaildropLock held, MaildirLease lease, Duration duration) {
            this.held = held;
            this.lease = lease;
            this.duration = duration;
            long every = Math.max(1, duration.toMillis() / 3);
            this.renewal = timer.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
        }

        private void renew() {
            if (!lease.renew()) {
                LOGGER.error("Lost the maildir lease {}: another node broke it as stale; the session will not expunge anything", lease);
                renewal.cancel(false);
            }
        }

        @Override
        public boolean isHeld() {
            return lease.isHeld(duration);
        }

        @Override
        public void release() {
            renewal.cancel(false);
            try {
                lease.release();
            } finally {
                held.release();
            }
        }
    }
}
