package dev.pop3x.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The side-by-side benchmark ({@code ./bench}, docs/development.md): Dovecot 2.3, James 3.8.1's stock POP3, and
 * pop3x on its {@code maildir} and {@code james} backends, on the same data and machine, in one run. Prints
 * min/median/max of each figure, the CPU the server used, ratios against Dovecot and stock James, and the loopback
 * ceiling.
 *
 * <pre>
 * java ... dev.pop3x.bench.Bench [--runs N] [--quick] [--only W1,W2,W3] [--profile]
 * </pre>
 */
public final class Bench {
    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Locale.setDefault(Locale.ROOT);
        String classpath = Files.readString(Path.of(System.getProperty("pop3x.bench.classpath"))).trim()
            + File.pathSeparator + Path.of(System.getProperty("pop3x.bench.classes")).toAbsolutePath();
        Path root = Files.createTempDirectory("pop3x-bench");
        List<String> jvm = new ArrayList<>(List.of("-Xmx3g"));
        if (options.profile) {
            // JDK's profile settings, sampling Java code every millisecond instead of every 10
            Path jdkProfile = Path.of(System.getProperty("java.home"), "lib", "jfr", "profile.jfc");
            Path settings = Files.writeString(root.resolve("bench.jfc"), Files.readString(jdkProfile)
                .replace("<setting name=\"period\" control=\"method-sampling-java-interval\">10 ms</setting>",
                    "<setting name=\"period\" control=\"method-sampling-java-interval\">1 ms</setting>"));
            jvm.add("-XX:FlightRecorderOptions:stackdepth=512");
            jvm.add("-XX:StartFlightRecording=filename=" + root.resolve("james.jfr") + ",settings=" + settings);
        }
        System.out.printf("pop3x benchmark: %d cores, %s, Java %s; servers on 127.0.0.1, client in this JVM%n",
            Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.version"));
        List<Figure> figures = new ArrayList<>();
        Map<String, Map<String, Map<String, Long>>> phases = new LinkedHashMap<>();
        long w1Octets = 0;
        try (BenchSetup setup = BenchSetup.start(root, classpath, Workloads.users(), jvm)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    setup.close();
                } catch (Exception e) {
                    System.err.println("Could not stop the servers: " + e);
                }
            }, "bench-servers-stop"));
            Workloads workloads = new Workloads(setup, options.w1Small, options.w1Large);
            List<Target> targets = setup.targets();
            if (options.runs("W1")) {
                long start = System.nanoTime();
                w1Octets = workloads.layW1();
                progress("W1 laid: %,d messages, %.1f MB, in %.0f s", options.w1Small + options.w1Large, w1Octets / 1e6, since(start));
                Figure scan = new Figure("W1 scan (login STAT UIDL LIST QUIT)", "ms/session", false);
                Figure retrieve = new Figure("W1 RETR every message", "MB/s", true);
                Figure retrieveLarge = new Figure("W1 RETR, the 1 MB messages alone", "MB/s", true);
                Figure sessionHeap = new Figure("W1 heap held by one session", "KB", false);
                settle();
                for (Target target : targets) {
                    // warm-up: Dovecot builds its index, the JVM compiles the paths
                    for (int i = 0; i < 3; i++) {
                        workloads.w1Scan(target, 3, new Figure("warm-up", "", false));
                        workloads.w1Retrieve(target, new Figure("warm-up", "", true), new Figure("warm-up", "", true));
                    }
                }
                // runs go round the targets, so that a noisy moment does not fall on one of them only
                for (int run = 0; run < options.runs; run++) {
                    for (Target target : targets) {
                        // as W2 and W3 do: no server measured while James still collects the previous one's garbage
                        settle();
                        Figure perSession = new Figure("", "", false);
                        workloads.w1Scan(target, 5, perSession);
                        scan.add(target, perSession.value(target.name()).median() * 1000, perSession.cpu(target.name()).median());
                        workloads.w1Retrieve(target, retrieve, retrieveLarge);
                        workloads.w1Heap(target, sessionHeap);
                    }
                }
                progress("W1 measured");
                figures.add(scan);
                figures.add(retrieve);
                figures.add(retrieveLarge);
                figures.add(sessionHeap);
            }
            if (options.runs("W2")) {
                // and pop3x on two James nodes sharing the Maildirs (lock.maildir-lease), the clients spread over both
                List<Target> w2Targets = new ArrayList<>(targets);
                w2Targets.add(setup.cluster());
                for (Target target : w2Targets) {
                    // warm-up: one pass each, so that no server's first figure includes its JIT or cold caches
                    workloads.layW2(target.kind());
                    workloads.w2(target, 16, new Figure("warm-up", "", true));
                }
                for (int clients : List.of(16, 64)) {
                    Figure w2 = new Figure("W2 download and delete, " + clients + " clients", "msg/s", true);
                    for (int run = 0; run < options.runs; run++) {
                        for (Target target : w2Targets) {
                            workloads.layW2(target.kind());
                            settle();
                            workloads.w2(target, clients, w2);
                        }
                    }
                    progress("W2 with %d clients measured", clients);
                    figures.add(w2);
                }
            }
            if (options.runs("W3")) {
                Figure sessions = new Figure("W3 polling sessions, 64 clients", "sessions/s", true);
                Figure median = new Figure("W3 session time, median", "ms", false);
                Figure p99 = new Figure("W3 session time, 99th percentile", "ms", false);
                Map<String, Figure> storeCalls = new LinkedHashMap<>();
                Map<String, Figure> phaseTimes = new LinkedHashMap<>();
                JitMeter jit = setup.jamesJit();
                for (Target target : targets) {
                    // warm-up, so that no server's first figure includes its JIT or cold caches: short passes, until
                    // James's compilers used less than 5 % of a pass (one core of two busy compiling would slow
                    // every session measured); Dovecot compiles nothing
                    Figure ignored = new Figure("warm-up", "", true);
                    int pass = 0;
                    double compiling;
                    workloads.layW3(target.kind());
                    do {
                        int seconds = Math.max(3, options.w3Seconds / 3);
                        double jitBefore = jit.seconds();
                        workloads.w3(target, seconds, 2_000, 20, ignored, ignored, ignored, new LinkedHashMap<>(), new LinkedHashMap<>());
                        compiling = (jit.seconds() - jitBefore) / seconds;
                        pass++;
                    } while (target.heap().isPresent() && compiling > 0.05 && pass < W3_WARM_UP_PASSES);
                    progress("W3 warm-up of %s: %d pass(es), James's compilers at %.0f %% of a core in the last", target.name(), pass,
                        compiling * 100);
                }
                Map<String, List<String>> jitDuringRuns = new LinkedHashMap<>();
                for (int run = 0; run < options.runs; run++) {
                    for (Target target : targets) {
                        workloads.layW3(target.kind());
                        settle();
                        double jitBefore = jit.seconds();
                        workloads.w3(target, options.w3Seconds, 2_000, 20, sessions, median, p99, storeCalls, phaseTimes);
                        jitDuringRuns.computeIfAbsent(target.name(), name -> new ArrayList<>())
                            .add(String.format(Locale.ROOT, "%.2f", jit.seconds() - jitBefore));
                    }
                }
                progress("W3 CPU seconds of James's compilers during each run: %s", jitDuringRuns);
                for (Target target : targets) {
                    if (target.storeCalls().isPresent()) {
                        phases.put(target.name(), workloads.w3Phases(target));
                    }
                }
                progress("W3 measured");
                figures.add(sessions);
                figures.add(median);
                figures.add(p99);
                Workloads.W3_PHASES.stream().map(phaseTimes::get).filter(Objects::nonNull).forEach(figures::add);
                Workloads.STORE_CALL_KINDS.stream().map(storeCalls::get).filter(Objects::nonNull).forEach(figures::add);
            }
            Stats ceiling = new Stats();
            if (w1Octets > 0) {
                for (int run = 0; run < options.runs; run++) {
                    ceiling.add(LoopbackCeiling.megabytesPerSecond(w1Octets));
                }
            }
            List<Target> columns = new ArrayList<>(targets);
            if (options.runs("W2")) {
                columns.add(setup.cluster());
            }
            Report.print(System.out, columns, figures, w1Octets > 0 ? ceiling : null);
            phases.forEach((target, byPhase) -> {
                System.out.println();
                System.out.println("store calls of one polling session of " + target + " (a new message to retrieve), by phase:");
                byPhase.forEach((phase, calls) -> System.out.printf("  %-24s %s%n", phase, calls.isEmpty() ? "none" : calls));
            });
        }
        if (options.profile) {
            System.out.println("James's flight recording: " + root.resolve("james.jfr"));
        }
        System.exit(0);
    }

    /** At most this many W3 warm-up passes for a server in James's JVM. */
    private static final int W3_WARM_UP_PASSES = 8;

    /** Lets the servers finish what laying data started (James's garbage collection, Dovecot's writes). */
    private static void settle() throws InterruptedException {
        Thread.sleep(2_000);
    }

    private static double since(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void progress(String format, Object... arguments) {
        System.out.printf("  " + format + "%n", arguments);
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
        private int w1Small = Workloads.W1_SMALL;
        private int w1Large = Workloads.W1_LARGE;
        private int w3Seconds = 15;
        private String only = "W1,W2,W3";
        private boolean profile;

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--runs" -> options.runs = Integer.parseInt(args[++i]);
                    case "--only" -> options.only = args[++i].toUpperCase(Locale.ROOT);
                    case "--profile" -> options.profile = true;
                    case "--quick" -> {
                        options.runs = 1;
                        options.w1Small = 1_000;
                        options.w1Large = 2;
                        options.w3Seconds = 5;
                    }
                    default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + "; use --runs N, --only W1,W2,W3, --quick, --profile");
                }
            }
            return options;
        }

        boolean runs(String workload) {
            return List.of(only.split(",")).contains(workload);
        }
    }
}
