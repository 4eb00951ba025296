package dev.pop3x.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * James 3.8.1's memory server in a JVM of its own, started the way an operator starts it: {@code
 * org.apache.james.MemoryJamesServerMain} with James's classpath and {@code -Dworking.directory} pointing at a
 * James home. Its output goes to {@code james.log} in the home.
 */
public final class JamesProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path log;

    private JamesProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static JamesProcess start(JamesHome home, String jamesClasspath, String... jamesArguments) {
        return start(home, jamesClasspath, List.of("-Xmx256m"), jamesArguments);
    }

    /** Starts James with these JVM options (heap size, profiling). */
    public static JamesProcess start(JamesHome home, String jamesClasspath, List<String> jvmOptions, String... jamesArguments) {
        return startMain(home, jamesClasspath, jvmOptions, "org.apache.james.MemoryJamesServerMain", jamesArguments);
    }

    /** Starts James from another main class (one that adjusts James's modules the way a deployment would). */
    public static JamesProcess startMain(JamesHome home, String jamesClasspath, List<String> jvmOptions, String mainClass,
                                     String... jamesArguments) {
        return startMain(List.of(), home, jamesClasspath, jvmOptions, mainClass, jamesArguments);
    }

    /**
     * Starts James through a launcher: a command that runs the Java command line it is given, in a changed
     * environment (a mount namespace with another resolver, say).
     */
    public static JamesProcess startMain(List<String> launcher, JamesHome home, String jamesClasspath, List<String> jvmOptions,
                                         String mainClass, String... jamesArguments) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = home.root().resolve("james.log");
        try {
            List<String> command = new ArrayList<>(launcher);
            command.add(java.toString());
            command.addAll(jvmOptions);
            command.addAll(List.of(
                "-cp", jamesClasspath,
                "-Dworking.directory=" + home.root(),
                "-Dlogback.configurationFile=" + home.conf().resolve("logback.xml"),
                mainClass));
            command.addAll(List.of(jamesArguments));
            Process process = new ProcessBuilder(command)
                .directory(home.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
            return new JamesProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot launch James", e);
        }
    }

    /**
     * Ports that are free now, for a JVM that must be told its ports before it starts: four different ones (each
     * is held until all are chosen, so that the system cannot hand out one port twice).
     */
    public static ListenPorts freePorts() {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                ServerSocket socket = new ServerSocket();
                held.add(socket);
                socket.bind(new InetSocketAddress("127.0.0.1", 0));
            }
            return new ListenPorts(held.get(0).getLocalPort(), held.get(1).getLocalPort(), held.get(2).getLocalPort(),
                held.get(3).getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // it was only held to keep the port
                }
            }
        }
    }

    /** Waits until the port accepts connections; empty if the JVM exited first. */
    public Optional<Duration> awaitListening(int port) {
        Instant start = Instant.now();
        while (Duration.between(start, Instant.now()).compareTo(START_TIMEOUT) < 0) {
            if (!process.isAlive()) {
                return Optional.empty();
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return Optional.of(Duration.between(start, Instant.now()));
            } catch (IOException notYet) {
                sleep(Duration.ofMillis(100));
            }
        }
        throw new IllegalStateException("James did not listen on " + port + " within " + START_TIMEOUT + "; log:\n" + log());
    }

    /** Waits for the JVM to exit by itself and returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("James still runs after " + timeout + "; log:\n" + log());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JVM's process id, to read its CPU time or to kill it. */
    public long pid() {
        return process.pid();
    }

    /** Kills the JVM at once (SIGKILL), as a crash would, and waits for it to be gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the JVM with SIGTERM (James's shutdown hook runs), then SIGKILL if it hangs. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
