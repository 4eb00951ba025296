package dev.pop3x.it;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.sun.security.auth.module.UnixSystem;

/**
 * A private Dovecot 2.3 (Debian's dovecot-pop3d) on 127.0.0.1, for interoperability tests: POP3 only, users in a
 * passwd-file, mail in Maildirs under a given root with {@code pop3_uidl_format = %f} or another format, its own run and state
 * directories and log. Run as root, it serves mail as {@code nobody}; otherwise as the current user.
 */
public final class PrivateDovecot implements AutoCloseable {
    public static final Path DOVECOT = Path.of("/usr/sbin/dovecot");
    static final Path LDA = Path.of("/usr/lib/dovecot/dovecot-lda");

    private final Path config;
    private final Path directory;
    private final int port;

    private PrivateDovecot(Path config, Path directory, int port) {
        this.config = config;
        this.directory = directory;
        this.port = port;
    }

    public static PrivateDovecot start(Path directory, Path mailRoot, int port, String user, String password) throws Exception {
        return start(directory, mailRoot, port, Map.of(user, password));
    }

    /** Starts Dovecot for these users (name to password), with {@code pop3_uidl_format = %f}. */
    public static PrivateDovecot start(Path directory, Path mailRoot, int port, Map<String, String> users) throws Exception {
        return start(directory, mailRoot, port, users, Optional.of("%f"));
    }

    /**
     * Dovecot's documented high-performance mode (its "login processes" and performance tuning pages), for benchmarks:
     * login processes that serve many connections and stay ready ({@code service_count = 0}, {@code process_min_avail}
     * at least the number of cores), and pop3 processes reused from one session to the next, where Debian's defaults
     * (its high-security mode) start a new login process and a new pop3 process for every connection: measured here,
     * 12 ms for an idle session instead of 3 ms, and a 0.24 s median session instead of 0.02 s at 32 sessions a second.
     * The auth service takes as many clients as those processes can be.
     */
    public static final List<String> HIGH_PERFORMANCE = List.of(
        "service pop3-login {",
        "  service_count = 0",
        "  process_min_avail = 2",
        "}",
        "service pop3 {",
        "  service_count = 0",
        "  process_min_avail = 4",
        "}",
        "service auth {",
        "  client_limit = 2048",
        "}");

    /**
     * Starts Dovecot for these users (name to password), with Debian's default service settings.
     *
     * @param uidlFormat its {@code pop3_uidl_format}; empty for Dovecot's default, {@code %08Xu%08Xv}
     */
    public static PrivateDovecot start(Path directory, Path mailRoot, int port, Map<String, String> users, Optional<String> uidlFormat)
        throws Exception {
        return start(directory, mailRoot, port, users, uidlFormat, List.of());
    }

    /**
     * Starts Dovecot for these users (name to password).
     *
     * @param uidlFormat its {@code pop3_uidl_format}; empty for Dovecot's default, {@code %08Xu%08Xv}
     * @param settings more lines for its configuration, such as {@link #HIGH_PERFORMANCE}
     */
    public static PrivateDovecot start(Path directory, Path mailRoot, int port, Map<String, String> users, Optional<String> uidlFormat,
                                       List<String> settings) throws Exception {
        boolean root = new UnixSystem().getUid() == 0;
        long uid = root ? 65534 : new UnixSystem().getUid();
        long gid = root ? 65534 : new UnixSystem().getGid();
        String self = System.getProperty("user.name");
        for (String sub : new String[] {"run", "state"}) {
            Files.createDirectories(directory.resolve(sub));
        }
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(mailRoot, PosixFilePermissions.fromString("rwxrwxrwx"));
        StringBuilder lines = new StringBuilder();
        users.forEach((user, password) -> lines.append(user).append(":{PLAIN}").append(password).append("::::::\n"));
        Path passwd = Files.writeString(directory.resolve("passwd"), lines);
        Path config = Files.writeString(directory.resolve("dovecot.conf"), String.join("\n",
            "protocols = pop3",
            "listen = 127.0.0.1",
            "base_dir = " + directory.resolve("run"),
            "state_dir = " + directory.resolve("state"),
            "log_path = " + directory.resolve("dovecot.log"),
            "ssl = no",
            "disable_plaintext_auth = no",
            "auth_mechanisms = plain",
            "passdb {",
            "  driver = passwd-file",
            "  args = scheme=PLAIN username_format=%u " + passwd,
            "}",
            "userdb {",
            "  driver = static",
            "  args = uid=" + uid + " gid=" + gid + " home=" + mailRoot + "/%d/%n",
            "}",
            "mail_location = maildir:" + mailRoot + "/%d/%n/Maildir",
            "first_valid_uid = " + uid,
            "first_valid_gid = " + gid,
            uidlFormat.map(format -> "pop3_uidl_format = " + format).orElse(""),
            root ? "" : "default_internal_user = " + self,
            root ? "" : "default_login_user = " + self,
            "service anvil {",
            "  chroot =",
            "}",
            "service pop3-login {",
            root ? "" : "  chroot =",
            "  inet_listener pop3 {",
            "    address = 127.0.0.1",
            "    port = " + port,
            "  }",
            "}",
            "service imap-login {",
            "  inet_listener imap {",
            "    port = 0",
            "  }",
            "  inet_listener imaps {",
            "    port = 0",
            "  }",
            "}",
            String.join("\n", settings),
            ""), StandardCharsets.US_ASCII);
        Commands.run(DOVECOT.toString(), "-c", config.toString());
        PrivateDovecot dovecot = new PrivateDovecot(config, directory, port);
        dovecot.awaitListening();
        return dovecot;
    }

    public int port() {
        return port;
    }

    /** The pid of Dovecot's master process, whose children serve the sessions. */
    public long masterPid() throws IOException, InterruptedException {
        Path pidFile = directory.resolve("run").resolve("master.pid");
        // the master writes its pid file a moment after its listeners accept connections
        Eventually.until(Duration.ofSeconds(10), "Dovecot's " + pidFile, () -> Files.exists(pidFile));
        return Long.parseLong(Files.readString(pidFile).trim());
    }

    /** Delivers a message with dovecot-lda, as Dovecot's own delivery agent would from an MTA. */
    public void deliver(String user, String message) throws Exception {
        Commands.run(message.getBytes(StandardCharsets.UTF_8), LDA.toString(), "-c", config.toString(), "-d", user, "-f", "sender@example.test");
    }

    private void awaitListening() {
        Eventually.until(Duration.ofSeconds(5), "Dovecot listening on " + port, () -> {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    @Override
    public void close() throws Exception {
        Commands.run(DOVECOT.toString(), "-c", config.toString(), "stop");
    }
}
