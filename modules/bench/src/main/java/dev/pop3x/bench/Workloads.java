package dev.pop3x.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import dev.pop3x.it.HeapMeter;
import dev.pop3x.it.SmtpDelivery;

/** The workloads of the benchmark, each run against one target at a time. */
final class Workloads {
    static final String W1_USER = "w1";
    static final int W1_SMALL = 10_000;
    static final int W1_LARGE = 20;
    static final int W2_USERS = 200;
    static final int W2_MESSAGES = 50;
    static final int W3_USERS = 64;
    static final int W3_INITIAL_MESSAGES = 20;

    private final BenchSetup setup;
    private final int w1Small;
    private final int w1Large;
    private boolean w2TemplatesLaid;

    Workloads(BenchSetup setup, int w1Small, int w1Large) {
        this.setup = setup;
        this.w1Small = w1Small;
        this.w1Large = w1Large;
    }

    /** The target's CPU once the processes that served the run have ended and been reaped (Dovecot's). */
    private static double cpuAfter(Target target) throws InterruptedException {
        Thread.sleep(300);
        return target.cpu().seconds();
    }

    static List<String> users() {
        List<String> users = new ArrayList<>(List.of(W1_USER));
        users.addAll(BenchSetup.names("w2", W2_USERS));
        users.addAll(BenchSetup.names("w3", W3_USERS));
        return users;
    }

    // W1: one big maildrop

    /** Lays W1's messages in both kinds of store, the same bytes in each; returns their total octets. */
    long layW1() throws IOException {
        int total = w1Small + w1Large;
        int largeEvery = w1Large == 0 ? Integer.MAX_VALUE : total / w1Large;
        MaildirWriter maildir = MaildirWriter.fresh(setup.maildir(W1_USER + "@" + BenchSetup.MAILDIR_DOMAIN));
        long octets = 0;
        try (ImapFiller imap = setup.imap(W1_USER + "@" + BenchSetup.JAMES_DOMAIN)) {
            for (int i = 0; i < total; i++) {
                byte[] message = Corpus.message(i, "w1@pop3x.bench", i % largeEvery == 0 && i / largeEvery < w1Large ? 1_000_000 : 4_000);
                octets += maildir.write(message, 1_700_000_000L + i);
                imap.append("INBOX", message);
            }
        }
        setup.openMaildirsToAll();
        return octets;
    }

    /** W1 (a): sessions of login, STAT, UIDL, LIST, QUIT; seconds per session. */
    void w1Scan(Target target, int sessions, Figure figure) throws IOException, InterruptedException {
        double cpuBefore = target.cpu().seconds();
        long start = System.nanoTime();
        for (int i = 0; i < sessions; i++) {
            try (FastPop3Client pop = new FastPop3Client(target.port())) {
                pop.login(target.user(W1_USER), BenchSetup.PASSWORD);
                pop.stat();
                pop.multiline("UIDL");
                pop.multiline("LIST");
                pop.quit();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        figure.add(target, seconds / sessions, (cpuAfter(target) - cpuBefore) / sessions);
    }

    /**
     * W1 (c): what one session holding the big maildrop costs James's heap, in KB: live heap after a full GC with the
     * session open (logged in, STAT and UIDL done) minus the same without it, the lower of before and after it.
     * Maildrop caches shared by sessions stay in both figures, so this is the price of each further session.
     */
    void w1Heap(Target target, Figure figure) throws IOException, InterruptedException {
        if (target.heap().isEmpty()) {
            return;
        }
        HeapMeter heap = target.heap().get();
        long before = heap.liveKilobytes();
        long with;
        try (FastPop3Client pop = new FastPop3Client(target.port())) {
            pop.login(target.user(W1_USER), BenchSetup.PASSWORD);
            pop.stat();
            pop.multiline("UIDL");
            with = heap.liveKilobytes();
            pop.quit();
        }
        // James's live heap moves by megabytes on its own (a cache emptied, a queue drained) against the few hundred
        // KB a session holds: the heap without the session is the lower of before and after it, so that what James
        // let go of meanwhile is not taken off the session's figure (which once came out at -4,972 KB)
        long after = heap.liveKilobytes();
        figure.add(target, with - Math.min(before, after), Double.NaN);
    }

    /** W1 (b): one session retrieving every message; MB/s, for all and for the 1 MB messages alone. */
    void w1Retrieve(Target target, Figure figure, Figure large) throws IOException, InterruptedException {
        double cpuBefore = target.cpu().seconds();
        long octets = 0;
        long largeOctets = 0;
        long largeNanos = 0;
        long start = System.nanoTime();
        try (FastPop3Client pop = new FastPop3Client(target.port())) {
            pop.login(target.user(W1_USER), BenchSetup.PASSWORD);
            int count = pop.stat();
            for (int i = 1; i <= count; i++) {
                long before = System.nanoTime();
                long sent = pop.multiline("RETR " + i);
                octets += sent;
                if (sent > 500_000) {
                    largeOctets += sent;
                    largeNanos += System.nanoTime() - before;
                }
            }
            pop.quit();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = cpuAfter(target) - cpuBefore;
        figure.add(target, octets / 1e6 / seconds, cpu);
        if (largeNanos > 0) {
            // a part of the session above: its CPU is in that figure's row
            large.add(target, largeOctets / 1e6 / (largeNanos / 1e9), Double.NaN);
        }
    }

    // W2: many small maildrops, download and delete

    /** Lays W2's maildrops anew for the target's kind of store. */
    void layW2(Target.Kind kind) throws IOException {
        List<String> users = BenchSetup.names("w2", W2_USERS);
        if (kind == Target.Kind.MAILDIR) {
            for (int u = 0; u < users.size(); u++) {
                MaildirWriter maildir = MaildirWriter.fresh(setup.maildir(users.get(u) + "@" + BenchSetup.MAILDIR_DOMAIN));
                for (int i = 0; i < W2_MESSAGES; i++) {
                    maildir.write(Corpus.message(100_000L * (u + 1) + i, users.get(u) + "@pop3x.bench", 8_000), 1_700_000_000L + i);
                }
            }
            setup.openMaildirsToAll();
            return;
        }
        for (int u = 0; u < users.size(); u++) {
            try (ImapFiller imap = setup.imap(users.get(u) + "@" + BenchSetup.JAMES_DOMAIN)) {
                if (!w2TemplatesLaid) {
                    imap.create("Template");
                    for (int i = 0; i < W2_MESSAGES; i++) {
                        imap.append("Template", Corpus.message(100_000L * (u + 1) + i, users.get(u) + "@pop3x.bench", 8_000));
                    }
                }
                imap.copyAll("Template", "INBOX");
            }
        }
        w2TemplatesLaid = true;
    }

    /** W2: {@code clients} concurrent clients download and delete every maildrop; messages per second. */
    void w2(Target target, int clients, Figure figure) throws Exception {
        ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(BenchSetup.names("w2", W2_USERS));
        AtomicLong messages = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        double cpuBefore = target.cpu().seconds();
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int port = target.port(c);
            running.add(pool.submit(() -> {
                for (String user = queue.poll(); user != null; user = queue.poll()) {
                    try (FastPop3Client pop = new FastPop3Client(port)) {
                        pop.login(target.user(user), BenchSetup.PASSWORD);
                        int count = pop.stat();
                        for (int i = 1; i <= count; i++) {
                            pop.multiline("RETR " + i);
                        }
                        for (int i = 1; i <= count; i++) {
                            pop.dele(i);
                        }
                        pop.quit();
                        messages.addAndGet(count);
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (messages.get() != (long) W2_USERS * W2_MESSAGES) {
            throw new IllegalStateException(target.name() + " served " + messages.get() + " messages in W2, expected " + W2_USERS * W2_MESSAGES);
        }
        figure.add(target, messages.get() / seconds, cpuAfter(target) - cpuBefore);
    }

    // W3: leave-on-server polling while mail arrives

    void layW3(Target.Kind kind) throws IOException {
        List<String> users = BenchSetup.names("w3", W3_USERS);
        for (int u = 0; u < users.size(); u++) {
            if (kind == Target.Kind.MAILDIR) {
                MaildirWriter maildir = MaildirWriter.fresh(setup.maildir(users.get(u) + "@" + BenchSetup.MAILDIR_DOMAIN));
                for (int i = 0; i < W3_INITIAL_MESSAGES; i++) {
                    maildir.write(Corpus.message(900_000L * (u + 1) + i, users.get(u) + "@pop3x.bench", 6_000), 1_700_000_000L + i);
                }
            } else {
                try (ImapFiller imap = setup.imap(users.get(u) + "@" + BenchSetup.JAMES_DOMAIN)) {
                    imap.deleteAllOf("INBOX");
                    for (int i = 0; i < W3_INITIAL_MESSAGES; i++) {
                        imap.append("INBOX", Corpus.message(900_000L * (u + 1) + i, users.get(u) + "@pop3x.bench", 6_000));
                    }
                }
            }
        }
        if (kind == Target.Kind.MAILDIR) {
            setup.openMaildirsToAll();
        }
    }

    /**
     * W3: every client polls its maildrop every {@code pollMillis} (login, UIDL, RETR of what it has not seen, QUIT)
     * for {@code seconds}, while SMTP delivers {@code deliveriesPerSecond} messages to random users. Figures: sessions
     * per second, median and 99th percentile session time, and the median time of each phase of a session
     * ({@link #W3_PHASES}: where a polling session's time goes, as the client sees it).
     */
    void w3(Target target, int seconds, long pollMillis, int deliveriesPerSecond, Figure sessionsPerSecond, Figure median,
            Figure p99, Map<String, Figure> storeCalls, Map<String, Figure> phases) throws Exception {
        List<String> users = BenchSetup.names("w3", W3_USERS);
        Optional<Map<String, Long>> callsBefore = target.storeCalls().isPresent()
            ? Optional.of(target.storeCalls().get().settled())
            : Optional.empty();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        List<List<Double>> phaseTimes = new ArrayList<>();
        for (int i = 0; i < W3_PHASES.size(); i++) {
            phaseTimes.add(Collections.synchronizedList(new ArrayList<>()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(users.size() + 1);
        double cpuBefore = target.cpu().seconds();
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (String user : users) {
            running.add(pool.submit(() -> {
                Set<String> seen = new HashSet<>();
                while (System.nanoTime() < deadline) {
                    long sessionStart = System.nanoTime();
                    try (FastPop3Client pop = new FastPop3Client(target.port())) {
                        long connected = System.nanoTime();
                        pop.login(target.user(user), BenchSetup.PASSWORD);
                        long loggedIn = System.nanoTime();
                        List<String> ids = pop.uidl();
                        long listed = System.nanoTime();
                        int retrieved = 0;
                        for (int i = 0; i < ids.size(); i++) {
                            if (seen.add(ids.get(i))) {
                                pop.multiline("RETR " + (i + 1));
                                retrieved++;
                            }
                        }
                        long retrievedAll = System.nanoTime();
                        pop.quit();
                        long quit = System.nanoTime();
                        phaseTimes.get(0).add((connected - sessionStart) / 1e6);
                        phaseTimes.get(1).add((loggedIn - connected) / 1e6);
                        phaseTimes.get(2).add((listed - loggedIn) / 1e6);
                        if (retrieved == 1) {
                            phaseTimes.get(3).add((retrievedAll - listed) / 1e6);
                        }
                        phaseTimes.get(4).add((quit - retrievedAll) / 1e6);
                    }
                    long took = System.nanoTime() - sessionStart;
                    latencies.add(took / 1e6);
                    Thread.sleep(Math.max(0, pollMillis - took / 1_000_000));
                }
                return null;
            }));
        }
        running.add(pool.submit(() -> {
            SmtpDelivery smtp = new SmtpDelivery(setup.smtpPort());
            Random random = new Random(7);
            long next = System.nanoTime();
            long sent = 0;
            while (System.nanoTime() < deadline) {
                String to = target.user(users.get(random.nextInt(users.size())));
                smtp.deliver("sender@example.net", to, new String(Corpus.message(7_000_000L + sent++, to, 6_000),
                    StandardCharsets.US_ASCII));
                next += 1_000_000_000L / deliveriesPerSecond;
                Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
            }
            return null;
        }));
        for (Future<?> client : running) {
            client.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        double cpu = cpuAfter(target) - cpuBefore;
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        if (callsBefore.isPresent()) {
            Map<String, Long> calls = StoreCallsMeter.between(callsBefore.get(), target.storeCalls().get().settled());
            for (String kind : STORE_CALL_KINDS) {
                storeCalls.computeIfAbsent(kind, name -> new Figure("W3 store calls per session: " + name.replace('_', ' '), "calls", false))
                    .add(target, calls.getOrDefault(kind, 0L) / (double) sorted.size(), Double.NaN);
            }
        }
        for (int i = 0; i < W3_PHASES.size(); i++) {
            List<Double> times = new ArrayList<>(phaseTimes.get(i));
            Collections.sort(times);
            if (!times.isEmpty()) {
                phases.computeIfAbsent(W3_PHASES.get(i), phase -> new Figure("W3 phase, median: " + phase, "ms", false))
                    .add(target, times.get(times.size() / 2), Double.NaN);
            }
        }
        sessionsPerSecond.add(target, sorted.size() / elapsed, cpu);
        median.add(target, sorted.get(sorted.size() / 2), cpu);
        p99.add(target, sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)), cpu);
    }

    /** The phases of a W3 session the report times, in order; the RETR phase counts sessions with one new message. */
    static final List<String> W3_PHASES = List.of("connect and greeting", "login (USER, PASS)", "UIDL",
        "RETR of one new message", "QUIT");

    /** The kinds of store calls the report shows, in this order (StoreCalls.Kind). */
    static final List<String> STORE_CALL_KINDS = List.of("mailbox_reads", "mailbox_writes", "annotation_reads", "annotation_writes",
        "blob_reads", "blob_writes", "quota_reads", "directory_reads", "file_reads", "file_writes");

    /** How many messages the user's maildrop holds, counted without a POP3 session: its files, or IMAP's STATUS. */
    private long stored(Target target, String user) throws IOException {
        if (target.kind() == Target.Kind.MAILDIR) {
            Path maildir = setup.maildir(user);
            return fileCount(maildir.resolve("new")) + fileCount(maildir.resolve("cur"));
        }
        try (ImapFiller imap = setup.imap(user)) {
            return imap.messages("INBOX");
        }
    }

    private static long fileCount(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        }
    }

    /**
     * The store calls of one polling session by phase, on a W3 user that one new message reached: login (USER, PASS),
     * listing (UIDL), RETR of the new message, QUIT (the UPDATE state). Each phase's figure is read once the counters
     * stop moving, so that what a phase leaves to the background (a retrieval recorded, messages read ahead) counts
     * in it.
     */
    Map<String, Map<String, Long>> w3Phases(Target target) throws Exception {
        StoreCallsMeter meter = target.storeCalls().orElseThrow();
        String user = target.user(BenchSetup.names("w3", W3_USERS).get(0));
        // the delivery is awaited without a POP3 session: one that logs in and does not retrieve the message would
        // change what the next login reads ahead (a client that only checks for mail)
        long before = stored(target, user);
        new SmtpDelivery(setup.smtpPort()).deliver("sender@example.net", user,
            new String(Corpus.message(8_000_000L, user, 6_000), StandardCharsets.US_ASCII));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (stored(target, user) <= before) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The message delivered to " + user + " never reached " + target.name());
            }
            Thread.sleep(100);
        }
        Map<String, Map<String, Long>> phases = new LinkedHashMap<>();
        Map<String, Long> last = meter.settled();
        try (FastPop3Client pop = new FastPop3Client(target.port())) {
            pop.login(user, BenchSetup.PASSWORD);
            last = phase(phases, "login", meter, last);
            List<String> ids = pop.uidl();
            last = phase(phases, "UIDL", meter, last);
            pop.multiline("RETR " + ids.size());
            last = phase(phases, "RETR of the new message", meter, last);
            pop.quit();
            phase(phases, "QUIT", meter, last);
        }
        return phases;
    }

    private static Map<String, Long> phase(Map<String, Map<String, Long>> phases, String name, StoreCallsMeter meter, Map<String, Long> before)
        throws Exception {
        Map<String, Long> now = meter.settled();
        phases.put(name, StoreCallsMeter.between(before, now));
        return now;
    }
}
