package dev.pop3x.stores;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.model.MailboxPath;

import com.sun.management.OperatingSystemMXBean;

import dev.pop3x.it.CassandraServer;
import dev.pop3x.it.CpuMeter;
import reactor.core.publisher.Mono;

/**
 * {@code ./bench stores}: the james backend on James's memory, Cassandra and JPA-on-PostgreSQL mailboxes, at the
 * maildrop level (a whole James on Cassandra or JPA cannot be assembled from what Maven Central serves: see
 * docs/stores.md). W1 is one big maildrop: sessions that log in and list it (STAT, UIDL, LIST), first with the
 * listing read from the store, then with the listing cached, and one session retrieving every message; W2 is
 * concurrent sessions each downloading and deleting a small maildrop. Each figure gives the median of the runs (min..max)
 * and the CPU it cost, this JVM's (pop3x and James's mailbox code) plus the store's processes'; then the median and
 * 90th percentile of each store call.
 *
 * <pre>
 * java ... dev.pop3x.stores.StoreBench [--runs N] [--only memory,cassandra,postgresql] [--quick]
 * </pre>
 */
public final class StoreBench {
    private static final int LAYING_THREADS = 8;

    private StoreBench() {
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Options options = Options.parse(args);
        System.out.printf("pop3x store benchmark: %d cores, %s, Java %s; W1 %,d messages of 4 kB and %d of 1 MB, W2 %d users of %d"
                + " messages and %d clients, %d runs%n", Runtime.getRuntime().availableProcessors(), cpuModel(),
            System.getProperty("java.version"), options.w1Small, options.w1Large, options.w2Users, options.w2Messages, options.clients,
            options.runs);
        Map<String, Map<String, String>> table = new LinkedHashMap<>();
        Map<String, Map<String, CallTimes>> calls = new LinkedHashMap<>();
        for (String name : options.stores) {
            List<AutoCloseable> opened = new ArrayList<>();
            try {
                JamesStore store;
                Optional<CpuMeter> storeCpu;
                switch (name) {
                    case "memory" -> {
                        store = new MemoryJamesStore();
                        storeCpu = Optional.empty();
                    }
                    case "cassandra" -> {
                        CassandraServer server = CassandraServer.start();
                        opened.add(server);
                        store = new CassandraJamesStore(server);
                        storeCpu = Optional.of(new CpuMeter(server.pid()));
                    }
                    case "postgresql" -> {
                        PostgresServer server = PostgresServer.start();
                        opened.add(server);
                        store = new PostgresJamesStore(server);
                        storeCpu = Optional.of(new CpuMeter(server.pid()));
                    }
                    default -> throw new IllegalArgumentException("Unknown store " + name + "; memory, cassandra or postgresql");
                }
                opened.add(0, store);
                Measurements measurements = new Measurements(store, new Cpu(storeCpu), options);
                measurements.run(name, table);
                calls.put(name, measurements.times);
            } finally {
                for (AutoCloseable each : opened) {
                    each.close();
                }
            }
        }
        print(options.stores, table, calls);
        System.exit(0);
    }

    private static void print(List<String> stores, Map<String, Map<String, String>> table, Map<String, Map<String, CallTimes>> calls) {
        System.out.println();
        System.out.printf("%-44s", "");
        stores.forEach(store -> System.out.printf("| %-34s", store));
        System.out.println();
        table.forEach((figure, byStore) -> {
            System.out.printf("%-44s", figure);
            stores.forEach(store -> System.out.printf("| %-34s", byStore.getOrDefault(store, "")));
            System.out.println();
        });
        System.out.println();
        System.out.println("Store calls of the sessions above, median/99th percentile/maximum (count):");
        calls.forEach((store, byPhase) -> byPhase.forEach((phase, times) -> System.out.printf("  %-11s %-22s %s%n", store, phase,
            times.summary())));
    }

    /** CPU seconds used by this JVM and by the store's processes. */
    private static final class Cpu {
        private final OperatingSystemMXBean jvm = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
        private final Optional<CpuMeter> store;

        Cpu(Optional<CpuMeter> store) {
            this.store = store;
        }

        double seconds() {
            return jvm.getProcessCpuTime() / 1e9 + store.map(CpuMeter::seconds).orElse(0.0);
        }
    }

    /** The figures of one store. */
    private static final class Measurements {
        private final JamesStore store;
        private final Cpu cpu;
        private final Options options;
        /** The store calls' times, by workload. */
        private final Map<String, CallTimes> times = new LinkedHashMap<>();
        private final Pop3Sessions sessions;

        Measurements(JamesStore store, Cpu cpu, Options options) {
            this.store = store;
            this.cpu = cpu;
            this.options = options;
            this.sessions = new Pop3Sessions(store);
        }

        private CallTimes times(String workload) {
            return times.computeIfAbsent(workload, name -> new CallTimes());
        }

        void run(String name, Map<String, Map<String, String>> table) throws Exception {
            w1(name, table);
            w2(name, table);
        }

        private void w1(String name, Map<String, Map<String, String>> table) throws Exception {
            Username w1 = Username.of("w1");
            long start = System.nanoTime();
            long octets = lay(List.of(w1), options.w1Small, options.w1Large);
            System.out.printf("  %s: W1 laid, %.1f MB in %.0f s%n", name, octets / 1e6, (System.nanoTime() - start) / 1e9);
            CallTimes warmUp = new CallTimes();
            sessions.scan(w1, warmUp);
            sessions.retrieveAll(w1, warmUp);
            List<Double> cold = new ArrayList<>();
            List<Double> coldCpu = new ArrayList<>();
            List<Double> cached = new ArrayList<>();
            List<Double> cachedCpu = new ArrayList<>();
            List<Double> retrieval = new ArrayList<>();
            List<Double> retrievalCpu = new ArrayList<>();
            for (int run = 0; run < options.runs; run++) {
                double cpuBefore = cpu.seconds();
                long began = System.nanoTime();
                for (int i = 0; i < 5; i++) {
                    sessions.forgetListings();
                    sessions.scan(w1, times("W1 scan, listing read"));
                }
                cold.add((System.nanoTime() - began) / 1e6 / 5);
                coldCpu.add((cpu.seconds() - cpuBefore) * 1000 / 5);
                cpuBefore = cpu.seconds();
                began = System.nanoTime();
                for (int i = 0; i < 5; i++) {
                    sessions.scan(w1, times("W1 scan, cached"));
                }
                cached.add((System.nanoTime() - began) / 1e6 / 5);
                cachedCpu.add((cpu.seconds() - cpuBefore) * 1000 / 5);
                cpuBefore = cpu.seconds();
                began = System.nanoTime();
                long retrieved = sessions.retrieveAll(w1, times("W1 RETR"));
                double seconds = (System.nanoTime() - began) / 1e9;
                retrieval.add(retrieved / 1e6 / seconds);
                retrievalCpu.add((cpu.seconds() - cpuBefore) / (retrieved / 1e6));
            }
            System.out.printf("  %s: W1 measured%n", name);
            put(table, "W1 scan, listing read (ms/session)", name, cold, coldCpu, "ms cpu");
            put(table, "W1 scan, listing cached (ms/session)", name, cached, cachedCpu, "ms cpu");
            put(table, "W1 RETR every message (MB/s)", name, retrieval, retrievalCpu, "s cpu/MB");
        }

        private void w2(String name, Map<String, Map<String, String>> table) throws Exception {
            List<Double> w2 = new ArrayList<>();
            List<Double> w2Cpu = new ArrayList<>();
            List<Username> users = new ArrayList<>();
            for (int i = 0; i < options.w2Users; i++) {
                users.add(Username.of("w2-" + i));
            }
            for (int run = 0; run <= options.runs; run++) {
                lay(users, options.w2Messages, 0);
                double cpuBefore = cpu.seconds();
                long began = System.nanoTime();
                long messages = downloadAndDeleteAll(users);
                double seconds = (System.nanoTime() - began) / 1e9;
                if (run > 0) {
                    // run 0 warms the paths up
                    w2.add(messages / seconds);
                    w2Cpu.add((cpu.seconds() - cpuBefore) * 1000 / messages);
                }
            }
            System.out.printf("  %s: W2 measured%n", name);
            put(table, "W2 download and delete, " + options.clients + " clients (msg/s)", name, w2, w2Cpu, "ms cpu/msg");
        }

        private long downloadAndDeleteAll(List<Username> users) throws Exception {
            ConcurrentLinkedQueue<Username> queue = new ConcurrentLinkedQueue<>(users);
            AtomicLong messages = new AtomicLong();
            CallTimes calls = times("W2");
            ExecutorService clients = Executors.newFixedThreadPool(options.clients);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < options.clients; i++) {
                    done.add(clients.submit(() -> {
                        for (Username user = queue.poll(); user != null; user = queue.poll()) {
                            messages.addAndGet(sessions.downloadAndDelete(user, calls));
                        }
                        return null;
                    }));
                }
                for (Future<?> each : done) {
                    each.get();
                }
            } finally {
                clients.shutdown();
            }
            return messages.get();
        }

        /** Appends the messages to each user's INBOX, from several threads as deliveries do; returns their octets. */
        private long lay(List<Username> users, int small, int large) throws Exception {
            ExecutorService appenders = Executors.newFixedThreadPool(LAYING_THREADS);
            AtomicLong octets = new AtomicLong();
            try {
                List<Future<?>> done = new ArrayList<>();
                for (Username user : users) {
                    MailboxSession session = store.mailboxManager().createSystemSession(user);
                    MailboxPath inbox = MailboxPath.inbox(user);
                    if (!Mono.from(store.mailboxManager().mailboxExists(inbox, session)).block()) {
                        store.mailboxManager().createMailbox(inbox, session);
                    }
                    MessageManager mailbox = store.mailboxManager().getMailbox(inbox, session);
                    int largeEvery = large == 0 ? Integer.MAX_VALUE : (small + large) / large;
                    for (int i = 0; i < small + large; i++) {
                        byte[] message = message(user, i, i % largeEvery == 0 && i / largeEvery < large ? 1_000_000 : 4_000);
                        done.add(appenders.submit(() -> {
                            mailbox.appendMessage(MessageManager.AppendCommand.builder().build(message), session);
                            octets.addAndGet(message.length);
                            return null;
                        }));
                    }
                }
                for (Future<?> each : done) {
                    each.get();
                }
            } finally {
                appenders.shutdown();
            }
            return octets.get();
        }

        private static void put(Map<String, Map<String, String>> table, String figure, String store, List<Double> values,
                                List<Double> cpu, String cpuUnit) {
            table.computeIfAbsent(figure, key -> new LinkedHashMap<>()).put(store, String.format("%s, %s %s", range(values),
                decimals(median(cpu)), cpuUnit));
        }

        private static String range(List<Double> values) {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            return String.format("%s (%s..%s)", decimals(median(values)), decimals(sorted.get(0)), decimals(sorted.get(sorted.size() - 1)));
        }

        private static double median(List<Double> values) {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            int middle = sorted.size() / 2;
            return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        }

        private static String decimals(double value) {
            return value >= 100 ? String.format("%.0f", value) : value >= 10 ? String.format("%.1f", value) : String.format("%.2f", value);
        }
    }

    /** A message of about this many octets, CRLF line ends, as SMTP delivers it. */
    static byte[] message(Username user, int number, int octets) {
        StringBuilder text = new StringBuilder("From: bench@example.org\r\nTo: ").append(user.asString())
            .append("\r\nSubject: message ").append(number).append("\r\nMessage-ID: <").append(number).append('.')
            .append(user.asString()).append("@bench>\r\n\r\n");
        String line = "The quick brown fox jumps over the lazy dog; message " + number + " of the benchmark.\r\n";
        while (text.length() + line.length() <= octets) {
            text.append(line);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                .findFirst().map(line -> line.substring(line.indexOf(':') + 2)).orElse("unknown CPU");
        } catch (Exception e) {
            return "unknown CPU";
        }
    }

    /** Command-line options. */
    private static final class Options {
        private int runs = 3;
        private int w1Small = 2_000;
        private int w1Large = 4;
        private int w2Users = 32;
        private int w2Messages = 25;
        private int clients = 16;
        private List<String> stores = List.of("memory", "cassandra", "postgresql");

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--runs" -> options.runs = Integer.parseInt(args[++i]);
                    case "--only" -> options.stores = List.of(args[++i].toLowerCase(Locale.ROOT).split(","));
                    case "--quick" -> {
                        options.runs = 1;
                        options.w1Small = 200;
                        options.w1Large = 1;
                        options.w2Users = 8;
                        options.w2Messages = 10;
                    }
                    default -> throw new IllegalArgumentException("Unknown option " + args[i] + "; use --runs N, --only memory,cassandra,postgresql, --quick");
                }
            }
            return options;
        }
    }
}
