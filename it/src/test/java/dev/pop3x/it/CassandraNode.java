package dev.pop3x.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A single-node Apache Cassandra 5.0.9 (Maven Central's cassandra-all, built into a classpath by
 * it/cassandra-runtime) in a JVM of its own, on free loopback ports, its data in a temporary directory: started
 * before a test class's James nodes (register it first, with {@code @Order}), stopped after them.
 */
final class CassandraNode implements BeforeAllCallback, AfterAllCallback {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    /** What Cassandra's conf/jvm17-server.options opens to it on Java 17. */
    private static final List<String> JAVA17_OPTIONS = List.of(
        "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
        "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
        "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
        "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
        "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
        "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
        "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
        "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
        "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
        "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
        "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
        "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-opens", "java.base/java.io=ALL-UNNAMED",
        "--add-opens", "java.base/java.nio=ALL-UNNAMED",
        "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED",
        "--add-opens", "java.base/java.util=ALL-UNNAMED",
        "--add-opens", "java.base/java.util.concurrent.atomic=ALL-UNNAMED",
        "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "--add-opens", "java.base/java.math=ALL-UNNAMED",
        "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens", "java.base/java.net=ALL-UNNAMED");

    private Path directory;
    private int nativePort;
    private Process process;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        directory = TempDirectories.create("pop3x-cassandra");
        ListenPorts ports = JamesProcess.freePorts();
        nativePort = ports.pop3();
        String classpath = Files.readString(Path.of(System.getProperty("pop3x.cassandra.classpath"))).strip();
        Path config = directory.resolve("cassandra.yaml");
        try (InputStream template = CassandraNode.class.getResourceAsStream("/cassandra/cassandra.yaml")) {
            Files.writeString(config, new String(template.readAllBytes(), StandardCharsets.UTF_8)
                .replace("${storage_port}", String.valueOf(ports.smtp()))
                .replace("${native_port}", String.valueOf(nativePort))
                .replace("${directory}", directory.toString()));
        }
        Path logback = directory.resolve("logback.xml");
        Files.writeString(logback, "<configuration><appender name=\"out\" class=\"ch.qos.logback.core.ConsoleAppender\">"
            + "<encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder></appender>"
            + "<root level=\"INFO\"><appender-ref ref=\"out\"/></root></configuration>\n");
        String jamm = List.of(classpath.split(":")).stream().filter(jar -> jar.contains("/jamm-")).findFirst()
            .orElseThrow(() -> new IllegalStateException("no jamm jar in the Cassandra classpath"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xms512m", "-Xmx512m", "-XX:ActiveProcessorCount=2"));
        command.addAll(JAVA17_OPTIONS);
        command.addAll(List.of(
            "-javaagent:" + jamm,
            "-Djdk.attach.allowAttachSelf=true",
            "-Dcassandra.config=" + config.toUri(),
            "-Dcassandra.storagedir=" + directory,
            "-Dcassandra-foreground=yes",
            "-Dcassandra.skip_wait_for_gossip_to_settle=0",
            "-Dcassandra.native.epoll.enabled=false",
            "-Dlogback.configurationFile=" + logback,
            "-cp", classpath,
            "org.apache.cassandra.service.CassandraDaemon"));
        process = new ProcessBuilder(command)
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log().toFile())
            .start();
        awaitListening();
    }

    private void awaitListening() throws IOException {
        Instant start = Instant.now();
        while (Duration.between(start, Instant.now()).compareTo(START_TIMEOUT) < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Cassandra exited at start; log:\n" + Files.readString(log()));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", nativePort), 500);
                System.out.printf("Cassandra 5.0.9 listens on 127.0.0.1:%d, %.1f s after its launch%n", nativePort,
                    Duration.between(start, Instant.now()).toMillis() / 1000.0);
                return;
            } catch (IOException notYet) {
                try {
                    process.waitFor(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("Cassandra did not listen within " + START_TIMEOUT + "; log:\n" + Files.readString(log()));
    }

    int nativePort() {
        return nativePort;
    }

    private Path log() {
        return directory.resolve("cassandra.log");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The pop3x.properties lines that make a James node lock its maildrops in this Cassandra, with this lease. */
    Consumer<JamesHome> leases(String lease) {
        return home -> home
            .edit("extensions.properties", properties -> replaceExactly(properties, "guice.extension.module=dev.pop3x.Pop3xModule\n",
                "guice.extension.module=dev.pop3x.Pop3xModule,dev.pop3x.cluster.CassandraClusterModule,dev.pop3x.cluster.CassandraSessionModule\n"))
            .edit("pop3x.properties", properties -> replaceExactly(replaceExactly(properties,
                "lock.cassandra-lease=off", "lock.cassandra-lease=" + lease),
                "cassandra.contact-points=127.0.0.1:9042", "cassandra.contact-points=127.0.0.1:" + nativePort));
    }

    private static String replaceExactly(String text, String target, String replacement) {
        if (!text.contains(target)) {
            throw new IllegalStateException("conf/ no longer contains " + target);
        }
        return text.replace(target, replacement);
    }

    /** The driver jars a memory James needs in extensions-jars/ to lock through Cassandra, without those James has. */
    static Consumer<JamesHome> driverJars() {
        return home -> {
            try {
                List<String> james = List.of(Files.readString(Path.of(System.getProperty("pop3x.james.classpath"))).strip().split(":"));
                for (String jar : Files.readString(Path.of(System.getProperty("pop3x.cassandra-driver.classpath"))).strip().split(":")) {
                    Path path = Path.of(jar);
                    String artifact = path.getParent().getParent().getFileName().toString();
                    boolean inJames = james.stream().anyMatch(other -> Path.of(other).getParent().getParent().getFileName().toString().equals(artifact));
                    if (!inJames) {
                        home.writeFile("extensions-jars/cassandra-driver/" + path.getFileName(), Files.readAllBytes(path));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
