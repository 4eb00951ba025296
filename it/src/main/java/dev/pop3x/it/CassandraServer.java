package dev.pop3x.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An Apache Cassandra 5.0.9 node (Maven Central's cassandra-all, as it/cassandra-runtime puts it on a classpath), in a
 * JVM of its own on free loopback ports, its data in a temporary directory, deleted when it stops: for the cluster
 * tests, it/stores' contract and ./bench stores.
 */
public final class CassandraServer implements AutoCloseable {
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

    private final Path directory;
    private final int nativePort;
    private final Process process;

    private CassandraServer(Path directory, int nativePort, Process process) {
        this.directory = directory;
        this.nativePort = nativePort;
        this.process = process;
    }

    /** Starts a node with the classpath file it/cassandra-runtime builds (system property {@code pop3x.cassandra.classpath}). */
    public static CassandraServer start() {
        Path directory;
        try {
            directory = Files.createTempDirectory("pop3x-cassandra");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return start(directory);
        } catch (IOException | RuntimeException e) {
            try {
                delete(directory);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new IllegalStateException("Cannot start Cassandra", e);
        }
    }

    private static CassandraServer start(Path directory) throws IOException {
        try (InputStream template = CassandraServer.class.getResourceAsStream("/cassandra/cassandra.yaml")) {
            int nativePort = freePort();
            String classpath = Files.readString(Path.of(System.getProperty("pop3x.cassandra.classpath"))).strip();
            Path config = directory.resolve("cassandra.yaml");
            Files.writeString(config, new String(template.readAllBytes(), StandardCharsets.UTF_8)
                .replace("${storage_port}", String.valueOf(freePort()))
                .replace("${native_port}", String.valueOf(nativePort))
                .replace("${directory}", directory.toString()));
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
            Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("cassandra.log").toFile())
                .start();
            CassandraServer server = new CassandraServer(directory, nativePort, process);
            try {
                server.awaitListening();
            } catch (IOException | RuntimeException e) {
                try {
                    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                throw e;
            }
            return server;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitListening() throws IOException {
        Instant start = Instant.now();
        while (Duration.between(start, Instant.now()).compareTo(START_TIMEOUT) < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Cassandra exited at start; log:\n" + Files.readString(directory.resolve("cassandra.log")));
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
        throw new IllegalStateException("Cassandra did not listen within " + START_TIMEOUT);
    }

    public int nativePort() {
        return nativePort;
    }

    /** The node's process, for its CPU time. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        delete(directory);
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }
}
