package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real POP3 clients against pop3x: curl (AUTH PLAIN, LOGIN, SASL-IR, STLS, implicit TLS) and mpop (STLS, AUTH,
 * retrieve into a Maildir and delete). {@code .ci/run} installs both.
 */
class RealClientsIT {
    private static final String PASSWORD = "secret";

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass();

    @TempDir
    static Path work;

    private static RunningJames server;
    private static Path certificate;

    @BeforeAll
    static void serverAndCertificate() throws IOException {
        server = new RunningJames(james.getGuiceJamesServer());
        certificate = Files.writeString(work.resolve("pop3x.pem"), TlsClient.certificatePem());
    }

    private static String userWithOneMessage(String name, String subject) {
        String user = name + "@pop3x.local";
        server.addUser(user, PASSWORD);
        server.deliver(user, Messages.text("sender@example.test", user, subject, "Hello from " + subject + "\n.a line with a dot\n"));
        return user;
    }

    @Test
    void curlRetrievesWithAuthPlain() throws Exception {
        String user = userWithOneMessage("curl-plain", "curl plain");
        Commands.Result curl = run("curl", "-sS", "-v", "--max-time", "30", "-u", user + ":" + PASSWORD, pop3Url("/1"));
        assertThat(curl.stdout()).contains("Subject: curl plain", "Hello from curl plain", "\r\n.a line with a dot\r\n");
        assertThat(curl.stderr()).contains("> AUTH PLAIN", "< +OK Welcome " + user);
    }

    @Test
    void curlRetrievesWithAuthLogin() throws Exception {
        String user = userWithOneMessage("curl-login", "curl login");
        Commands.Result curl = run("curl", "-sS", "-v", "--max-time", "30", "--login-options", "AUTH=LOGIN", "-u", user + ":" + PASSWORD, pop3Url("/1"));
        assertThat(curl.stdout()).contains("Subject: curl login");
        assertThat(curl.stderr()).contains("> AUTH LOGIN", "< + VXNlcm5hbWU6", "< + UGFzc3dvcmQ6", "< +OK Welcome " + user);
    }

    @Test
    void curlSendsTheInitialResponseWithSaslIr() throws Exception {
        String user = userWithOneMessage("curl-ir", "curl sasl-ir");
        Commands.Result plain = run("curl", "-sS", "-v", "--max-time", "30", "--sasl-ir", "-u", user + ":" + PASSWORD, pop3Url("/1"));
        assertThat(plain.stdout()).contains("Subject: curl sasl-ir");
        assertThat(plain.stderr()).contains("> AUTH PLAIN " + Sasl.plain(user, PASSWORD));
        Commands.Result login = run("curl", "-sS", "-v", "--max-time", "30", "--sasl-ir", "--login-options", "AUTH=LOGIN",
            "-u", user + ":" + PASSWORD, pop3Url("/1"));
        assertThat(login.stderr()).contains("> AUTH LOGIN " + Sasl.base64(user), "< +OK Welcome " + user);
    }

    @Test
    void curlUpgradesWithStlsAndChecksTheCertificate() throws Exception {
        String user = userWithOneMessage("curl-stls", "curl stls");
        Commands.Result curl = run("curl", "-sS", "-v", "--max-time", "30", "--ssl-reqd", "--cacert", certificate.toString(),
            "-u", user + ":" + PASSWORD, pop3Url("/1"));
        assertThat(curl.stdout()).contains("Subject: curl stls");
        assertThat(curl.stderr()).contains("> STLS", "< +OK Begin TLS negotiation", "SSL certificate verify ok");
    }

    @Test
    void curlSpeaksImplicitTls() throws Exception {
        String user = userWithOneMessage("curl-pop3s", "curl pop3s");
        Commands.Result curl = run("curl", "-sS", "--max-time", "30", "--cacert", certificate.toString(), "-u", user + ":" + PASSWORD,
            "pop3s://127.0.0.1:" + server.pop3sPort() + "/1");
        assertThat(curl.stdout()).contains("Subject: curl pop3s");
    }

    @Test
    void curlListsAndDeletes() throws Exception {
        String user = userWithOneMessage("curl-dele", "curl dele");
        assertThat(run("curl", "-sS", "--max-time", "30", "-u", user + ":" + PASSWORD, pop3Url("/")).stdout()).startsWith("1 ");
        run("curl", "-sS", "--max-time", "30", "-u", user + ":" + PASSWORD, "-X", "DELE", "-I", pop3Url("/1"));
        assertThat(server.messageCount(user)).isZero();
    }

    @Test
    void mpopRetrievesIntoAMaildirThroughStlsAndAuthThenDeletes(@TempDir Path home) throws Exception {
        String user = userWithOneMessage("mpop", "mpop message");
        server.deliver(user, Messages.text("sender@example.test", user, "mpop second", "Second\n"));
        Path maildir = home.resolve("Maildir");
        for (String sub : List.of("tmp", "new", "cur")) {
            Files.createDirectories(maildir.resolve(sub));
        }
        Path config = Files.writeString(home.resolve("mpoprc"), String.join("\n",
            "defaults",
            "tls on",
            "tls_starttls on",
            "tls_trust_file " + certificate,
            "account pop3x",
            "host 127.0.0.1",
            "port " + server.pop3Port(),
            "user " + user,
            "password " + PASSWORD,
            "auth plain",
            "delivery maildir " + maildir,
            "keep off",
            "uidls_file " + home.resolve("uidls"),
            ""));
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));

        Commands.Result mpop = run("mpop", "-C", config.toString(), "-a", "-d");

        assertThat(mpop.stdout() + mpop.stderr()).contains("--> STLS", "--> AUTH PLAIN", "<-- +OK Welcome " + user, "--> DELE 2", "--> QUIT");
        List<String> delivered = new ArrayList<>();
        try (Stream<Path> files = Files.list(maildir.resolve("new"))) {
            for (Path file : files.toList()) {
                delivered.add(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        assertThat(delivered).hasSize(2)
            .anyMatch(message -> message.contains("Subject: mpop message") && message.contains("\n.a line with a dot\n"))
            .anyMatch(message -> message.contains("Subject: mpop second"));
        assertThat(server.messageCount(user)).isZero();
    }

    private static String pop3Url(String path) {
        return "pop3://127.0.0.1:" + server.pop3Port() + path;
    }

    private static Commands.Result run(String... command) throws Exception {
        return Commands.run(command);
    }
}
