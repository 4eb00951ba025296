package dev.pop3x.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * James 3.8.1's memory server in a JVM of its own, from a home laid out from conf/ with the packaged extension jar
 * in {@code extensions-jars/}: what an operator runs, for tests that need a real process (a heap limit, SIGKILL).
 * Users and domains of a memory James live in its heap: {@link #addUser} again after a restart.
 */
final class DroppedInJames implements AutoCloseable {
    private static final Path JAR = Path.of(System.getProperty("pop3x.dropin.jar"));

    private final JamesHome home;
    private final ListenPorts ports;
    private final List<String> jvmOptions;
    private final List<String> launcher;
    private JamesProcess process;

    private DroppedInJames(JamesHome home, ListenPorts ports, List<String> jvmOptions, List<String> launcher) {
        this.home = home;
        this.ports = ports;
        this.jvmOptions = jvmOptions;
        this.launcher = launcher;
    }

    /** Lays out a home in {@code root}, changed as the test says, and starts James with these JVM options. */
    static DroppedInJames start(Path root, List<String> jvmOptions, Consumer<JamesHome> change) {
        return start(List.of(), root, jvmOptions, change);
    }

    /** The same, James's Java command run by the launcher (see {@link JamesProcess#startMain(List, JamesHome, String, List, String, String...)}). */
    static DroppedInJames start(List<String> launcher, Path root, List<String> jvmOptions, Consumer<JamesHome> change) {
        ListenPorts ports = JamesProcess.freePorts();
        try {
            JamesHome home = JamesHome.create(root, JamesHome.sampleConf(), ports)
                .writeFile("extensions-jars/" + JAR.getFileName(), Files.readAllBytes(JAR));
            change.accept(home);
            DroppedInJames james = new DroppedInJames(home, ports, jvmOptions, launcher);
            james.startProcess();
            return james;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startProcess() {
        process = JamesProcess.startMain(launcher, home, jamesClasspath(), jvmOptions, "org.apache.james.MemoryJamesServerMain");
        for (int port : List.of(ports.pop3(), ports.smtp(), ports.webAdmin())) {
            if (process.awaitListening(port).isEmpty()) {
                throw new IllegalStateException("James exited before listening on " + port + "; log:\n" + process.log());
            }
        }
    }

    /** Kills James with SIGKILL, as a crash or the OOM killer would. */
    void kill() {
        process.kill();
    }

    /** Starts James again on the same home and ports. */
    void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("James still runs");
        }
        startProcess();
    }

    DroppedInJames addDomain(String domain) {
        expect(204, webAdmin().put("/domains/" + domain, ""), "domain " + domain);
        return this;
    }

    DroppedInJames addUser(String user, String password) {
        expect(204, webAdmin().put("/users/" + user, "{\"password\":\"" + password + "\"}"), "user " + user);
        return this;
    }

    private static void expect(int status, WebAdmin.Answer answer, String what) {
        if (answer.status() != status) {
            throw new IllegalStateException("Cannot add " + what + ": " + answer);
        }
    }

    ListenPorts ports() {
        return ports;
    }

    JamesHome home() {
        return home;
    }

    WebAdmin webAdmin() {
        return new WebAdmin(ports.webAdmin());
    }

    SmtpDelivery smtp() {
        return new SmtpDelivery(ports.smtp());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** James's process id: a launcher execs Java in its own process, so it is James's. */
    long pid() {
        return process.pid();
    }

    String log() {
        return process.log();
    }

    /** Stops James with SIGTERM and waits for it. */
    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }

    static String jamesClasspath() {
        try {
            return Files.readString(Path.of(System.getProperty("pop3x.james.classpath"))).trim();
        } catch (IOException e) {
            throw new IllegalStateException("Run through Maven: the James memory app classpath is written by it/james-runtime", e);
        }
    }
}
