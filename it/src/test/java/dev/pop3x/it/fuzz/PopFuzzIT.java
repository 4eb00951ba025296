package dev.pop3x.it.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Coverage-guided fuzzing of pop3x's command and SASL parsing, for a bounded time: Jazzer plays POP3 sessions built
 * from its inputs against a real James with pop3x ({@link Pop3SessionFuzzTarget}) and must find nothing: no
 * exception escapes a handler, no reply hangs or breaks POP3's shape, no session leaves its maildrop locked.
 *
 * <p>Properties (failsafe passes them from it/pom.xml, so they can be given to Maven):
 * <ul>
 *   <li>{@code pop3x.fuzz.seconds}: how long to fuzz (default 45, what CI runs: with the start of Jazzer and James,
 *       about 40 s, the test takes 90 s); a longer hunt: {@code -Dpop3x.fuzz.seconds=600}.</li>
 *   <li>{@code pop3x.fuzz.replay}: a saved input to run once instead of fuzzing, to reproduce a finding.</li>
 *   <li>{@code pop3x.fuzz.merge=true}: after a clean run, adds to the seed corpus in the repository
 *       ({@code src/test/resources/fuzz/corpus}) the inputs of the working corpus that reach new coverage.</li>
 *   <li>{@code pop3x.fuzz.seed}: libFuzzer's random seed, to repeat a run (each run draws its own).</li>
 * </ul>
 * The working corpus, {@code target/fuzz/corpus}, starts from the seeds and keeps what the fuzzer learns for the
 * next local run; findings, with Jazzer's Java reproducers, go to {@code target/fuzz/findings}, Jazzer's output to
 * {@code target/fuzz/jazzer-fuzz.log}, and the fuzzing JVM's James log to {@code target/fuzz/james.log}.
 */
class PopFuzzIT {
    /** Starting James, instrumenting pop3x and stopping, on top of the fuzzing time. */
    private static final Duration OVERHEAD = Duration.ofMinutes(3);
    /** Fewer sessions than this in a run means the target is broken, not that pop3x is sound. */
    private static final long MIN_EXECUTIONS_PER_MINUTE = 600;

    private final Path workDir = Path.of(System.getProperty("pop3x.fuzz.dir"));
    private final Path seeds = Path.of(System.getProperty("pop3x.fuzz.seeds"));
    private final Path testClasses = Path.of(System.getProperty("pop3x.test.classes"));

    @Test
    void fuzzedSessionsFindNothingWithinTheTimeBudget() throws Exception {
        Optional<Path> replay = property("pop3x.fuzz.replay").map(Path::of);
        if (replay.isPresent()) {
            JazzerRun run = jazzer("replay", List.of(replay.get().toAbsolutePath().toString()));
            assertThat(run.run(OVERHEAD)).as("Jazzer's exit code replaying %s%n%s", replay.get(), run.report()).contains(0);
            return;
        }
        int seconds = Integer.getInteger("pop3x.fuzz.seconds", 45);
        Path corpus = Files.createDirectories(workDir.resolve("corpus"));
        // what is there comes from an earlier run
        deleteRecursively(workDir.resolve("findings"));

        List<String> arguments = new ArrayList<>(fuzzingOptions(seconds));
        // new inputs go to the first folder; the seeds in the repository are only read
        arguments.add(corpus.toString());
        arguments.add(seeds.toString());
        JazzerRun run = jazzer("fuzz", arguments);
        Optional<Integer> exit = run.run(Duration.ofSeconds(seconds).plus(OVERHEAD));
        System.out.printf("PopFuzzIT: fuzzed %d s: %s sessions, %s a second%n", seconds,
            run.executions().isPresent() ? run.executions().getAsLong() : "?",
            run.executionsPerSecond().isPresent() ? run.executionsPerSecond().getAsDouble() : "?");

        assertThat(exit).as("Jazzer's exit code (empty: killed after %s s)%n%s", seconds + OVERHEAD.toSeconds(), run.report())
            .contains(0);
        assertThat(run.executions().orElse(0)).as("sessions played%n%s", run.report())
            .isGreaterThanOrEqualTo(MIN_EXECUTIONS_PER_MINUTE * seconds / 60);

        if (Boolean.getBoolean("pop3x.fuzz.merge")) {
            // coverage as edges, not hit counts: the seeds stay a few dozen files
            JazzerRun merge = jazzer("merge", List.of("-merge=1", "-use_counters=0", seeds.toString(), corpus.toString()));
            assertThat(merge.run(Duration.ofMinutes(10))).as("merge into the seeds%n%s", merge.report()).contains(0);
        }
    }

    /**
     * libFuzzer's options for a bounded run: inputs of up to 1 KiB from the start (a session of two dozen commands
     * needs a few hundred bytes), and a dictionary of POP3 and SASL words for the raw lines.
     */
    private List<String> fuzzingOptions(int seconds) {
        List<String> options = new ArrayList<>(List.of(
            "-max_total_time=" + seconds,
            "-max_len=1024",
            "-len_control=0",
            "-dict=" + testClasses.resolve("fuzz/pop3.dict")));
        property("pop3x.fuzz.seed").ifPresent(seed -> options.add("-seed=" + seed));
        return options;
    }

    private JazzerRun jazzer(String name, List<String> arguments) throws IOException {
        String classpath = String.join(File.pathSeparator,
            testClasses.toString(),
            System.getProperty("pop3x.demo.classes"),
            Files.readString(Path.of(System.getProperty("pop3x.fuzz.classpath.file"))).strip());
        return JazzerRun.of(workDir, name, classpath, testClasses.resolve("fuzz/logback-fuzz.xml"),
            Path.of(System.getProperty("pop3x.conf.dir")), arguments);
    }

    /** A property given a value: Maven passes the unset ones as empty. */
    private static Optional<String> property(String name) {
        return Optional.ofNullable(System.getProperty(name)).filter(value -> !value.isBlank());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
