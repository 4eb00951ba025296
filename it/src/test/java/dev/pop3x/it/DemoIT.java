package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * README command 1: the demo server, run as {@code ./demo} runs it (its own JVM, from the repository root), with
 * the curl line the README gives, and stopped with Ctrl-C (SIGINT).
 */
class DemoIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @Test
    void curlPrintsTheWelcomeMessageAndCtrlCStopsTheDemo() throws Exception {
        ListenPorts ports = JamesProcess.freePorts();
        Process demo = launch(List.of("--pop3-port", String.valueOf(ports.pop3()), "--smtp-port", String.valueOf(ports.smtp())),
            Map.of("POP3X_DEMO_WEBADMIN_PORT", String.valueOf(ports.webAdmin())));
        try {
            DemoOutput output = DemoOutput.of(demo);
            output.awaitLine("Stop: Ctrl-C");
            assertThat(output.text())
                .contains("  POP3      127.0.0.1:" + ports.pop3())
                .contains("  SMTP      127.0.0.1:" + ports.smtp())
                .contains("  WebAdmin  http://127.0.0.1:" + ports.webAdmin() + "/")
                .contains("Try:  curl -u demo@pop3x.local:demo pop3://127.0.0.1:" + ports.pop3() + "/1");

            String message = run("curl", "-sS", "--max-time", "30", "-u", "demo@pop3x.local:demo",
                "pop3://127.0.0.1:" + ports.pop3() + "/1");
            assertThat(message)
                .contains("Subject: Welcome to pop3x")
                .contains("Delivered-To: demo@pop3x.local")
                .contains("through James's POP3 server with the pop3x extension.");

            String fromMaildir = run("curl", "-sS", "--max-time", "30", "-u", "demo@maildir.pop3x.local:demo",
                "pop3://127.0.0.1:" + ports.pop3() + "/1");
            assertThat(fromMaildir).contains("Subject: Welcome to pop3x", "delivered over SMTP into a Maildir");

            run("kill", "-INT", String.valueOf(demo.pid()));
            assertThat(demo.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("demo exits after Ctrl-C; it printed:%n%s", output.text()).isTrue();
            output.awaitEnd();
            assertThat(output.text()).contains("JAMES server stopped").endsWith("pop3x demo stopped\n");
        } finally {
            demo.destroyForcibly();
        }
    }

    @Test
    void aBadPortOptionIsExplained() throws Exception {
        Process demo = launch(List.of("--pop3-port", "eleven"), Map.of());
        assertThat(demo.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(demo.exitValue()).isEqualTo(2);
        assertThat(new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
            .contains("--pop3-port / POP3X_DEMO_POP3_PORT: not a port number: 'eleven'")
            .contains("usage: ./demo");
    }

    /** Starts the demo's main class the way ./demo does. */
    private static Process launch(List<String> args, Map<String, String> environment) throws IOException {
        String classpath = System.getProperty("pop3x.demo.classes") + ":"
            + Files.readString(Path.of(System.getProperty("pop3x.demo.classpath.file"))).trim();
        Path repository = JamesHome.sampleConf().getParent();
        // Ctrl-C reaches a demo started from a terminal; a suite started in the background (nohup, a CI agent's
        // script) would hand its ignored SIGINT down to the demo, whose JVM then never sees Ctrl-C (coreutils env)
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT",
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Dlogback.configurationFile=conf/logback.xml",
            "-cp", classpath,
            "dev.pop3x.it.demo.DemoServer"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * Everything the demo prints, read as it comes by a thread of its own: a demo whose output is not read would block
     * on a full pipe (its log lines) and never exit.
     */
    private static final class DemoOutput {
        private final StringBuffer text = new StringBuffer();
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final CompletableFuture<Void> reading;

        private DemoOutput(Process demo) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
            reading = CompletableFuture.runAsync(() -> {
                try {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        text.append(line).append('\n');
                        lines.add(line);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        static DemoOutput of(Process demo) {
            return new DemoOutput(demo);
        }

        void awaitLine(String expected) throws InterruptedException {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (true) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("The demo did not print '" + expected + "' within " + TIMEOUT + "; it printed:\n" + text);
                }
                if (line.equals(expected)) {
                    return;
                }
            }
        }

        void awaitEnd() throws Exception {
            reading.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }

        String text() {
            return text.toString();
        }
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s exit code; output:\n%s", String.join(" ", command), output).isZero();
        return output;
    }
}
