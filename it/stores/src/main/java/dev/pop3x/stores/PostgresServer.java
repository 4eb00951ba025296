package dev.pop3x.stores;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL from Debian's packages ({@code postgresql}, which ./verify installs): a private
 * instance, {@code initdb} into a temporary directory and {@code pg_ctl start} on a free port of 127.0.0.1, run as the
 * user {@code postgres} when the tests run as root (PostgreSQL refuses root), never a system service; its data deleted
 * when it stops. Durability is off (fsync, synchronous commit): the tests never crash it.
 */
public final class PostgresServer implements AutoCloseable {
    static final String ROLE = "pop3x";

    private final Path bin;
    private final Path directory;
    private final Path data;
    private final int port;

    private PostgresServer(Path bin, Path directory, Path data, int port) {
        this.bin = bin;
        this.directory = directory;
        this.data = data;
        this.port = port;
    }

    public static PostgresServer start() {
        try {
            Path bin = binaries();
            Path directory = Files.createTempDirectory("pop3x-stores-postgres");
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path data = directory.resolve("data");
            Files.createDirectory(data);
            if (isRoot()) {
                UserPrincipal postgres = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.setOwner(data, postgres);
            }
            PostgresServer server = new PostgresServer(bin, directory, data, freePort());
            server.run("initdb", "-D", data.toString(), "-U", ROLE, "-A", "trust", "-E", "UTF8", "--no-sync");
            server.run("pg_ctl", "-D", data.toString(), "-l", data.resolve("postgres.log").toString(), "-w", "-o",
                "-p " + server.port + " -c listen_addresses=127.0.0.1 -k " + data
                    + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start");
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start PostgreSQL", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The newest PostgreSQL of Debian's layout, /usr/lib/postgresql/VERSION/bin. */
    private static Path binaries() throws IOException {
        Path versions = Path.of("/usr/lib/postgresql");
        Optional<Path> newest = Optional.empty();
        if (Files.isDirectory(versions)) {
            try (Stream<Path> each = Files.list(versions)) {
                newest = each.filter(version -> Files.isExecutable(version.resolve("bin/initdb")))
                    .max(Comparator.comparing(version -> Integer.parseInt(version.getFileName().toString().replaceAll("\\D.*", "0"))));
            }
        }
        return newest.map(version -> version.resolve("bin"))
            .orElseThrow(() -> new IllegalStateException("No PostgreSQL in /usr/lib/postgresql: install Debian's postgresql (./verify does)"));
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void run(String program, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile(directory, program, ".out");
        Files.setPosixFilePermissions(output, PosixFilePermissions.fromString("rw-rw-rw-"));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
            .redirectOutput(output.toFile()).start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(output));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The JDBC address of the instance's database {@code postgres}, for the role {@value #ROLE}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** The postmaster's process id (it forks a process per connection), for the CPU time of the instance. */
    public long pid() throws IOException {
        return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
    }

    @Override
    public void close() throws IOException {
        run("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop");
        TemporaryDirectory.delete(directory);
    }
}
