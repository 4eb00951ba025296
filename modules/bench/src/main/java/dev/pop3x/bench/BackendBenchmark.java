package dev.pop3x.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.pop3x.it.RunningJames;

/**
 * W1 on James's own mailboxes: one user with 10,000 messages of about 4 KB and 20 of 1 MB, served by James's stock
 * POP3 and by pop3x's {@code james} backend from two James servers in this JVM, side by side:
 * <ul>
 * <li>scan: login, STAT, UIDL, LIST, QUIT (median of many sessions);</li>
 * <li>RETR of every message in one session (MB/s);</li>
 * <li>heap each logged-in session holds (20 sessions held open at once, after a full GC).</li>
 * </ul>
 */
public final class BackendBenchmark {
    private static final String USER = "w1@pop3x.local";
    private static final String PASSWORD = "secret";

    public static void main(String[] args) throws Exception {
        int small = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int large = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        System.out.printf("W1: %,d messages of ~4 KB and %d of 1 MB, James 3.8.1 memory storage, %d cores, Java %s%n",
            small, large, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        RunningJames stock = BenchServers.start("stock", BenchServers.stockChain());
        RunningJames pop3x = BenchServers.start("pop3x", home -> { });
        try {
            for (RunningJames server : List.of(stock, pop3x)) {
                long start = System.nanoTime();
                fill(server, small, large);
                System.out.printf("  filled %s in %.1f s%n", server == stock ? "stock" : "pop3x", (System.nanoTime() - start) / 1e9);
            }
            Result stockResult = measure("stock James", stock);
            Result pop3xResult = measure("pop3x james", pop3x);
            System.out.println();
            System.out.printf("%-22s %-28s %-28s %s%n", "figure", "stock James 3.8.1", "pop3x (james backend)", "pop3x / stock");
            row("scan (ms/session)", stockResult.scanMillis, pop3xResult.scanMillis, "ms", 1, false);
            row("RETR all (MB/s)", stockResult.retrMegabytesPerSecond, pop3xResult.retrMegabytesPerSecond, "MB/s", 1, true);
            System.out.printf("%-22s %-28s %-28s %.2fx%n", "heap per session (KB)",
                String.format("%.0f KB", stockResult.heapPerSessionKb), String.format("%.0f KB", pop3xResult.heapPerSessionKb),
                pop3xResult.heapPerSessionKb / stockResult.heapPerSessionKb);
        } finally {
            stock.server().stop();
            pop3x.server().stop();
        }
        // James leaves non-daemon threads behind
        System.exit(0);
    }

    private static void row(String figure, Stats stock, Stats pop3x, String unit, int decimals, boolean higherIsBetter) {
        double ratio = higherIsBetter ? pop3x.median() / stock.median() : stock.median() / pop3x.median();
        System.out.printf("%-22s %-28s %-28s %.2fx %s%n", figure, stock.format(unit, decimals), pop3x.format(unit, decimals), ratio,
            higherIsBetter ? "faster" : "faster");
    }

    private static void fill(RunningJames server, int small, int large) {
        server.addUser(USER, PASSWORD);
        Random random = new Random(42);
        Instant date = Instant.parse("2026-11-01T00:00:00Z");
        for (int i = 0; i < small + large; i++) {
            boolean big = i % ((small + large) / Math.max(1, large)) == 0 && i / ((small + large) / Math.max(1, large)) < large;
            server.appendToInbox(USER, Corpus.message(random, i, big ? 1_000_000 : 4_000), date.plusSeconds(i));
        }
    }

    private static final class Result {
        private final Stats scanMillis = new Stats();
        private final Stats retrMegabytesPerSecond = new Stats();
        private double heapPerSessionKb;
    }

    private static Result measure(String name, RunningJames server) throws Exception {
        Result result = new Result();
        int port = server.pop3Port();
        for (int i = 0; i < 25; i++) {
            long start = System.nanoTime();
            try (FastPop3Client pop = new FastPop3Client(port)) {
                pop.login(USER, PASSWORD);
                pop.command("STAT");
                pop.multiline("UIDL");
                pop.multiline("LIST");
                pop.command("QUIT");
            }
            if (i >= 5) {
                result.scanMillis.add((System.nanoTime() - start) / 1e6);
            }
        }
        for (int run = 0; run < 3; run++) {
            try (FastPop3Client pop = new FastPop3Client(port)) {
                pop.login(USER, PASSWORD);
                int count = Integer.parseInt(pop.command("STAT").split(" ")[1]);
                long octets = 0;
                long start = System.nanoTime();
                for (int i = 1; i <= count; i++) {
                    octets += pop.multiline("RETR " + i);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                result.retrMegabytesPerSecond.add(octets / 1e6 / seconds);
                pop.command("QUIT");
            }
        }
        result.heapPerSessionKb = heapPerSession(port) / 1024.0;
        System.out.printf("  measured %s%n", name);
        return result;
    }

    /** The heap 20 logged-in sessions hold, per session. */
    private static double heapPerSession(int port) throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        int sessions = 20;
        long before = usedAfterGc(memory);
        List<FastPop3Client> open = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            FastPop3Client pop = new FastPop3Client(port);
            pop.command("USER " + USER);
            pop.command("PASS " + PASSWORD);
            open.add(pop);
        }
        long during = usedAfterGc(memory);
        for (FastPop3Client pop : open) {
            pop.command("QUIT");
            pop.close();
        }
        return (during - before) / (double) sessions;
    }

    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
