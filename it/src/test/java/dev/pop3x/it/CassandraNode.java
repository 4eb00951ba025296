package dev.pop3x.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A single-node Apache Cassandra 5.0.9 ({@link CassandraServer}) for a test class: started before its James nodes
 * (register it first, with {@code @Order}), stopped after them.
 */
final class CassandraNode implements BeforeAllCallback, AfterAllCallback {
    private CassandraServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = CassandraServer.start();
    }

    int nativePort() {
        return server.nativePort();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** The pop3x.properties lines that make a James node lock its maildrops in this Cassandra, with this lease. */
    Consumer<JamesHome> leases(String lease) {
        return home -> home
            .edit("extensions.properties", properties -> replaceExactly(properties, "guice.extension.module=dev.pop3x.Pop3xModule\n",
                "guice.extension.module=dev.pop3x.Pop3xModule,dev.pop3x.cluster.CassandraClusterModule,dev.pop3x.cluster.CassandraSessionModule\n"))
            .edit("pop3x.properties", properties -> replaceExactly(replaceExactly(properties,
                "lock.cassandra-lease=off", "lock.cassandra-lease=" + lease),
                "cassandra.contact-points=127.0.0.1:9042", "cassandra.contact-points=127.0.0.1:" + nativePort()));
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
