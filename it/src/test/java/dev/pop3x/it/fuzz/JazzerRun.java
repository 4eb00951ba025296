package dev.pop3x.it.fuzz;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Jazzer's standalone driver ({@code com.code_intelligence.jazzer.Jazzer}) run on {@link Pop3SessionFuzzTarget} in
 * a JVM of its own: the fuzzer exits at its first finding, needs its native agent, and must not share the JVM of
 * the test runner (nor JUnit: jazzer-junit wants a newer JUnit than James's test fixtures bring). Only pop3x's
 * classes are instrumented, for coverage and for Jazzer's hooks; the harness's own are not.
 */
final class JazzerRun {
    private static final Pattern STAT = Pattern.compile("(?m)^stat::(\\w+):\\s+(\\S+)$");

    private final Path workDir;
    private final List<String> jvm;
    private final List<String> arguments;
    private final Path log;
    private final Path findings;

    private JazzerRun(Path workDir, String name, List<String> jvm, List<String> arguments) {
        this.workDir = workDir;
        this.jvm = List.copyOf(jvm);
        this.arguments = List.copyOf(arguments);
        this.log = workDir.resolve("jazzer-" + name + ".log");
        this.findings = workDir.resolve("findings");
    }

    /**
     * @param name what the run does (fuzz, replay, merge), for the name of its log
     * @param classpath the test classpath as Maven resolves it
     * @param jazzerArguments libFuzzer's arguments and the corpus folders (or one input to replay)
     */
    static JazzerRun of(Path workDir, String name, String classpath, Path logConfiguration, Path conf, List<String> jazzerArguments) {
        Path findings = workDir.resolve("findings");
        List<String> jvm = List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx1g",
            "-cp", classpath,
            "-Dpop3x.conf.dir=" + conf,
            "-Dpop3x.fuzz.dir=" + workDir,
            "-Dlogback.configurationFile=" + logConfiguration,
            "-Djames.exit.on.startup.error=false",
            "-Djames.lifecycle.leak.detection.mode=NONE",
            "com.code_intelligence.jazzer.Jazzer");
        List<String> arguments = new ArrayList<>(List.of(
            "--target_class=" + Pop3SessionFuzzTarget.class.getName(),
            "--instrumentation_includes=dev.pop3x.**",
            "--instrumentation_excludes=dev.pop3x.it.**",
            "--custom_hook_includes=dev.pop3x.**",
            "--custom_hook_excludes=dev.pop3x.it.**",
            "--reproducer_path=" + findings,
            "-artifact_prefix=" + findings + "/",
            // one input is one POP3 session of at most a few dozen commands; a minute is a hang
            "-timeout=60",
            // James runs in the fuzzing JVM: its heap is 1 GB, the rest is the JVM's own
            "-rss_limit_mb=4096",
            "-print_final_stats=1"));
        arguments.addAll(jazzerArguments);
        return new JazzerRun(workDir, name, jvm, arguments);
    }

    /**
     * Runs Jazzer to its end, or kills it after the timeout; returns its exit code, or empty when killed. Jazzer runs
     * through a launcher script named {@code jazzer} on the PATH: libFuzzer's merge starts its workers by that name.
     */
    Optional<Integer> run(Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(findings);
        Path launcher = writeLauncher();
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
        builder.environment().merge("PATH", launcher.getParent().toString(), (path, bin) -> bin + File.pathSeparator + path);
        Process process = builder.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
            return Optional.of(process.exitValue());
        } finally {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private Path writeLauncher() throws IOException {
        Path launcher = Files.createDirectories(workDir.resolve("bin")).resolve("jazzer");
        String quoted = jvm.stream().map(word -> "'" + word.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
        Files.writeString(launcher, "#!/bin/sh\nexec " + quoted + " \"$@\"\n", StandardCharsets.UTF_8);
        launcher.toFile().setExecutable(true);
        return launcher;
    }

    OptionalLong executions() {
        return stat("number_of_executed_units").map(value -> OptionalLong.of(Long.parseLong(value))).orElse(OptionalLong.empty());
    }

    OptionalDouble executionsPerSecond() {
        return stat("average_exec_per_sec").map(value -> OptionalDouble.of(Double.parseDouble(value))).orElse(OptionalDouble.empty());
    }

    private Optional<String> stat(String name) {
        Matcher matcher = STAT.matcher(output());
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return Optional.of(matcher.group(2));
            }
        }
        return Optional.empty();
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a failed run leaves to read: the end of Jazzer's output, the saved inputs, and how to replay one. */
    String report() {
        List<String> lines = output().lines()
            .filter(line -> !line.startsWith("INFO: Instrumented") && !line.startsWith("INFO: New number of coverage counters"))
            .collect(Collectors.toList());
        StringBuilder text = new StringBuilder("command: ").append(commandWithoutClasspath())
            .append("\nlast lines of ").append(log).append(":\n");
        lines.subList(Math.max(0, lines.size() - 150), lines.size()).forEach(line -> text.append("  ").append(line).append('\n'));
        for (Path finding : savedFindings()) {
            text.append("saved input ").append(finding).append(" (base64 ").append(base64(finding)).append(")\n")
                .append("  replay: mvn -B verify -pl it -am -Dit.test=PopFuzzIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false")
                .append(" -DfailIfNoTests=false -Dpop3x.fuzz.replay=").append(finding).append('\n');
        }
        return text.toString();
    }

    private String commandWithoutClasspath() {
        List<String> shown = new ArrayList<>(jvm);
        shown.set(shown.indexOf("-cp") + 1, "<test classpath>");
        shown.addAll(arguments);
        return String.join(" ", shown);
    }

    private List<Path> savedFindings() {
        if (!Files.isDirectory(findings)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(findings)) {
            return files.filter(file -> !file.getFileName().toString().endsWith(".java")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String base64(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return bytes.length > 4096 ? bytes.length + " bytes" : Base64.getEncoder().encodeToString(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
