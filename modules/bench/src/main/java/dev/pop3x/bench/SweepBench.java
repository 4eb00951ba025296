package dev.pop3x.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.james.core.Username;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.user.memory.MemoryUsersRepository;

import dev.pop3x.Pop3xSettings;
import dev.pop3x.config.Settings;
import dev.pop3x.maildrop.LocalMaildropLocks;
import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropRouter;
import dev.pop3x.maildrop.MaildropSettings;
import dev.pop3x.maildrop.MaildropStore;
import dev.pop3x.maildrop.QuotaLimitSource;
import dev.pop3x.maildrop.StoreCalls;
import dev.pop3x.maildrop.maildir.MaildirLocation;
import dev.pop3x.maildrop.maildir.MaildirMaildropStore;
import dev.pop3x.maildrop.maildir.MaildirSettings;
import dev.pop3x.policy.DirectorySweepLedger;
import dev.pop3x.policy.LedgerRecordingStore;
import dev.pop3x.policy.PolicyEnforcer;
import dev.pop3x.policy.PolicyRunner;
import dev.pop3x.policy.PolicySettings;
import dev.pop3x.policy.PolicySweeper;

/**
 * The sweeper's cost against the number of users (docs/development.md, "The sweeper"): real maildirs on disk, one
 * message each, 1 % of users with retrieved mail (one message retrieved 40 days ago, which expires, one retrieved
 * today, which keeps them a candidate); then a sweep over every user (what every sweep cost before the sweep ledger,
 * and what the first one still costs) beside a sweep over the ledger's candidates. In this JVM, no server.
 *
 * <pre>
 * ./bench sweep [users...]      (default: 10000 100000)
 * </pre>
 */
public final class SweepBench {
    private static final Duration INTERVAL = Duration.ofHours(1);
    private static final int READERS_PER_CENT = 1;

    private SweepBench() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args) {
            sizes.add(Integer.parseInt(arg));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(10_000, 100_000);
        }
        System.out.println("pop3x sweep benchmark: maildir backend, one message per user, " + READERS_PER_CENT
            + " % of users with retrieved mail, expire.days=30");
        System.out.printf("%-9s %-34s %10s %14s %10s %8s%n", "users", "sweep", "time (ms)", "maildrops read", "expunged", "visited");
        for (int size : sizes) {
            run(size);
        }
    }

    private static void run(int size) throws Exception {
        Path root = Files.createTempDirectory("pop3x-sweep-bench");
        SteppingClock clock = new SteppingClock(Instant.parse("2026-12-01T00:00:00Z"));
        Settings settings = Pop3xSettings.of(Map.of("expire.days", "30", "maildir.location", root + "/maildirs/%u/Maildir",
            "maildrop.backend", "maildir"));
        MaildropSettings maildropSettings = MaildropSettings.from(settings, Set.of("maildir"));
        MaildirMaildropStore maildirs = new MaildirMaildropStore(new MaildirLocation(settings.get(MaildirSettings.LOCATION), root),
            QuotaLimitSource.NONE, new MaildirSettings(settings), clock, StoreCalls.uncounted());
        DirectorySweepLedger ledger = new DirectorySweepLedger(root.resolve("sweep-ledger"));
        CountingStore counted = new CountingStore(new LedgerRecordingStore(new MaildropRouter(Map.of("maildir", maildirs), maildropSettings,
            new LocalMaildropLocks(maildropSettings)), ledger));
        MemoryUsersRepository users = MemoryUsersRepository.withoutVirtualHosting(null);
        byte[] message = "From: a@example.test\r\nSubject: kept\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);

        long layStart = System.nanoTime();
        for (int i = 0; i < size; i++) {
            Username user = Username.of("user" + i);
            users.addUser(user, "secret");
            boolean reader = i % (100 / READERS_PER_CENT) == 0;
            MaildirWriter maildir = MaildirWriter.fresh(root.resolve("maildirs").resolve("user" + i).resolve("Maildir"));
            maildir.write(message, 1_700_000_000L + i);
            if (reader) {
                maildir.write(message, 1_700_000_001L + i);
                try (Maildrop maildrop = counted.open(user)) {
                    maildrop.markRetrieved(maildrop.messages().get(0), clock.instant().minus(Duration.ofDays(40)));
                    maildrop.markRetrieved(maildrop.messages().get(1), clock.instant());
                }
            }
        }
        System.out.printf("(%,d users laid in %.0f s)%n", size, (System.nanoTime() - layStart) / 1e9);

        PolicySettings policy = new PolicySettings(settings);
        RecordingMetricFactory metrics = new RecordingMetricFactory();
        PolicyRunner runner = new PolicyRunner(counted, new LocalMaildropLocks(maildropSettings), new PolicyEnforcer(policy, clock, metrics),
            users, ledger, clock);
        PolicySweeper sweeper = new PolicySweeper(runner, ledger, clock, policy);

        clock.step(INTERVAL);
        measure(size, "every user (no ledger, or its 1st)", sweeper, counted, metrics);
        clock.step(INTERVAL);
        measure(size, "the ledger's candidates", sweeper, counted, metrics);
        deleteRecursively(root);
    }

    private static void measure(int size, String what, PolicySweeper sweeper, CountingStore counted, RecordingMetricFactory metrics) {
        int readsBefore = counted.opened.get();
        int expungedBefore = metrics.countFor("pop3x-policy-expunged-messages");
        long start = System.nanoTime();
        PolicySweeper.SweepSummary summary = sweeper.sweep();
        long millis = (System.nanoTime() - start) / 1_000_000;
        int expunged = metrics.countFor("pop3x-policy-expunged-messages");
        System.out.printf("%-9s %-34s %,10d %,14d %,10d %,8d%n", String.format("%,d", size), what, millis,
            counted.opened.get() - readsBefore, expunged - expungedBefore, summary.visited());
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (var files = Files.walk(root)) {
            for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(file);
            }
        }
    }

    /** Counts the maildrops opened: the store reads of a sweep. */
    private static final class CountingStore implements MaildropStore {
        private final MaildropStore store;
        private final AtomicInteger opened = new AtomicInteger();

        CountingStore(MaildropStore store) {
            this.store = store;
        }

        @Override
        public Maildrop open(Username user) throws MaildropException {
            opened.incrementAndGet();
            return store.open(user);
        }
    }

    /** A clock the benchmark moves on by a sweep interval between sweeps. */
    private static final class SteppingClock extends Clock {
        private volatile Instant now;

        SteppingClock(Instant start) {
            this.now = start;
        }

        void step(Duration step) {
            now = now.plus(step);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
