package dev.pop3x.maildrop;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Named;

import org.apache.james.core.Username;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.config.InvalidSettingException;
import dev.pop3x.maildrop.MaildropLeases.MaildropLease;

/**
 * Maildrop locks that hold across the James nodes serving the same maildrops: a session holds this node's lock
 * ({@link LocalMaildropLocks}: queueing, take-over of an idle session) and a lease where the maildrop lives, renewed
 * every third of the lease while the session lasts. The lease is a row in Cassandra for every user when
 * {@code lock.cassandra-lease} is set ({@code dev.pop3x.cluster.CassandraClusterModule}), otherwise the leases Guice
 * binds for the user's backend ({@value #PER_BACKEND}: a file in the maildir for the maildir backend, when
 * {@code lock.maildir-lease} is set); other users get this node's lock alone. A login
 * that finds the lease held by another node tries again every {@value #RETRY_MILLIS} ms for {@code lock.wait} (5 s
 * for a brief holder), then is refused with {@code [IN-USE]}; a node that died stops renewing, and its lease lapses.
 * Lease operations run on a small pool of their own, never on a connection's event loop.
 */
public final class LeasedMaildropLocks implements MaildropLocks {
    public static final String CLUSTER = "cluster";
    /** The name of the map of each backend's leases, by backend name. */
    public static final String PER_BACKEND = "per-backend";
    static final long RETRY_MILLIS = 100;
    private static final int LEASE_THREADS = 2;

    private static final Logger LOGGER = LoggerFactory.getLogger(LeasedMaildropLocks.class);

    private final LocalMaildropLocks local;
    private final MaildropSettings settings;
    private final Optional<MaildropLeases> cluster;
    private final Map<String, MaildropLeases> perBackend;
    private final Clock clock;
    private final String node;
    private final ScheduledExecutorService leaseThreads = Executors.newScheduledThreadPool(LEASE_THREADS, new LeaseThreads());

    @Inject
    public LeasedMaildropLocks(LocalMaildropLocks local, MaildropSettings settings, @Named(CLUSTER) Optional<MaildropLeases> cluster,
                               @Named(PER_BACKEND) Map<String, MaildropLeases> perBackend, Clock clock) {
        this.local = local;
        this.settings = settings;
        this.cluster = cluster;
        this.perBackend = Map.copyOf(perBackend);
        this.clock = clock;
        this.node = ManagementFactory.getRuntimeMXBean().getName();
        if (settings.cassandraLease().isPresent() && cluster.isEmpty()) {
            throw new InvalidSettingException(MaildropSettings.LOCK_CASSANDRA_LEASE.key(), "'" + MaildropSettings.LOCK_CASSANDRA_LEASE.key()
                + "' is set but no module binds the Cassandra leases: add dev.pop3x.cluster.CassandraClusterModule to guice.extension.module"
                + " in extensions.properties (and dev.pop3x.cluster.CassandraSessionModule on a James without Cassandra)");
        }
    }

    private Optional<MaildropLeases> leasesFor(Username user) {
        if (cluster.isPresent()) {
            return cluster;
        }
        return Optional.ofNullable(perBackend.get(settings.backend().forUser(user))).filter(MaildropLeases::enabled);
    }

    @Override
    public CompletableFuture<Optional<MaildropLock>> lock(Username user, Optional<String> device, Holder requester) {
        Optional<MaildropLeases> leases = leasesFor(user);
        if (leases.isEmpty()) {
            return local.lock(user, device, requester);
        }
        return local.lock(user, device, requester).thenCompose(held -> held.isEmpty()
            ? CompletableFuture.completedFuture(Optional.empty())
            : withLease(leases.get(), user, device, requester.id(), held.get(), clock.instant().plus(settings.lockWait())));
    }

    @Override
    public Optional<MaildropLock> tryLockBriefly(Username user, Optional<String> device, String holder) {
        Optional<MaildropLeases> leases = leasesFor(user);
        Optional<MaildropLock> held = local.tryLockBriefly(user, device, holder);
        if (leases.isEmpty() || held.isEmpty()) {
            return held;
        }
        Optional<MaildropLease> taken = acquire(leases.get(), user, device, holder);
        if (taken.isEmpty()) {
            held.get().release();
            return Optional.empty();
        }
        return Optional.of(new Leased(held.get(), taken.get(), leases.get()));
    }

    /**
     * This node's notes lock, then the lease {@link MaildropKey#NOTES}, tried every {@value #RETRY_MILLIS} ms until
     * {@link #BRIEF_HOLD_PATIENCE} is over. The lease is not renewed: the notes lock is held for a few store calls,
     * far less than a lease lasts.
     */
    @Override
    public NotesLock lockNotes(Username user) throws MaildropException {
        Optional<MaildropLeases> leases = leasesFor(user);
        NotesLock here = local.lockNotes(user);
        if (leases.isEmpty()) {
            return here;
        }
        Instant deadline = clock.instant().plus(BRIEF_HOLD_PATIENCE);
        try {
            while (true) {
                Optional<MaildropLease> lease = leases.get().tryAcquire(user, Optional.of(MaildropKey.NOTES), node + " notes");
                if (lease.isPresent()) {
                    return () -> {
                        try {
                            lease.get().release();
                        } finally {
                            here.close();
                        }
                    };
                }
                if (!clock.instant().isBefore(deadline)) {
                    throw MaildropException.temporary("The notes lease of " + user.asString() + " is held by "
                        + leases.get().holder(user, Optional.of(MaildropKey.NOTES)).orElse("(released just now)") + " for longer than "
                        + BRIEF_HOLD_PATIENCE, null);
                }
                TimeUnit.MILLISECONDS.sleep(RETRY_MILLIS);
            }
        } catch (InterruptedException e) {
            here.close();
            Thread.currentThread().interrupt();
            throw MaildropException.temporary("Interrupted while waiting for the notes lease of " + user.asString(), e);
        } catch (MaildropException | RuntimeException e) {
            here.close();
            throw e;
        }
    }

    @Override
    public Optional<String> holder(Username user, Optional<String> device) {
        Optional<String> here = local.holder(user, device);
        Optional<MaildropLeases> leases = leasesFor(user);
        if (here.isPresent() || leases.isEmpty()) {
            return here;
        }
        try {
            return leases.get().holder(user, device);
        } catch (MaildropException | RuntimeException e) {
            LOGGER.warn("Cannot read who holds the lease of {}", user.asString(), e);
            return Optional.empty();
        }
    }

    /** Takes the lease once this node's lock is held, trying again until the deadline; releases the node's lock if not. */
    private CompletableFuture<Optional<MaildropLock>> withLease(MaildropLeases leases, Username user, Optional<String> device, String holder,
                                                                MaildropLock held, Instant deadline) {
        CompletableFuture<Optional<MaildropLock>> granted = new CompletableFuture<>();
        leaseThreads.execute(() -> tryLease(leases, user, device, holder, held, deadline, granted));
        return granted;
    }

    private void tryLease(MaildropLeases leases, Username user, Optional<String> device, String holder, MaildropLock held, Instant deadline,
                          CompletableFuture<Optional<MaildropLock>> granted) {
        Optional<MaildropLease> taken = acquire(leases, user, device, holder);
        if (taken.isPresent()) {
            granted.complete(Optional.of(new Leased(held, taken.get(), leases)));
        } else if (clock.instant().isBefore(deadline)) {
            leaseThreads.schedule(() -> tryLease(leases, user, device, holder, held, deadline, granted), RETRY_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            held.release();
            granted.complete(Optional.empty());
        }
    }

    private Optional<MaildropLease> acquire(MaildropLeases leases, Username user, Optional<String> device, String holder) {
        try {
            return leases.tryAcquire(user, device, node + " " + holder);
        } catch (MaildropException | RuntimeException e) {
            LOGGER.warn("Cannot take the lease of {}", user.asString(), e);
            return Optional.empty();
        }
    }

    @PreDestroy
    void stop() {
        leaseThreads.shutdownNow();
    }

    /** This node's lock with the maildrop's lease, renewed until released. */
    private final class Leased implements MaildropLock {
        private final MaildropLock held;
        private final MaildropLease lease;
        private final ScheduledFuture<?> renewal;

        Leased(MaildropLock held, MaildropLease lease, MaildropLeases leases) {
            this.held = held;
            this.lease = lease;
            long every = Math.max(1, leases.duration().toMillis() / 3);
            this.renewal = leaseThreads.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
        }

        private void renew() {
            if (!lease.renew()) {
                LOGGER.error("Lost the lease {}: it lapsed and another node took it; the session will not expunge anything", lease);
                renewal.cancel(false);
            }
        }

        @Override
        public boolean isHeld() {
            return lease.isHeld();
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

    private static final class LeaseThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "pop3x-leases-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
