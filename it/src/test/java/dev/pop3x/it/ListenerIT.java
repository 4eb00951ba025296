package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.net.ssl.SSLSocket;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * pop3x's own POP3 listener (pop3xserver.xml): its timeouts fire when their settings say (here a TLS handshake may
 * take 4 s, a connection may be idle 5 s before login and 6 s after), within a tenth of the setting; an operator
 * lists and closes sessions over WebAdmin and reloads the listeners' certificate; what the network does to a
 * connection is one INFO line, not a stack trace.
 */
class ListenerIT {
    private static final String PASSWORD = "secret";
    private static final Duration HANDSHAKE = Duration.ofSeconds(4);
    private static final Duration BEFORE_LOGIN = Duration.ofSeconds(5);
    private static final Duration AFTER_LOGIN = Duration.ofSeconds(6);

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass(home -> home.edit("pop3xserver.xml", xml -> xml
        .replace("<connectiontimeout>600</connectiontimeout>", "<connectiontimeout>" + AFTER_LOGIN.toSeconds() + "</connectiontimeout>")
        .replace("<loginTimeout>180</loginTimeout>", "<loginTimeout>" + BEFORE_LOGIN.toSeconds() + "</loginTimeout>")
        .replace("<handshakeTimeout>10</handshakeTimeout>", "<handshakeTimeout>" + HANDSHAKE.toSeconds() + "</handshakeTimeout>")));

    private static RunningJames server;
    private static WebAdmin webAdmin;

    @BeforeAll
    static void server() {
        server = new RunningJames(james.getGuiceJamesServer());
        webAdmin = new WebAdmin(server.webAdminPort());
    }

    @Test
    void aSilentClientOnTheTlsPortIsClosedAtTheHandshakeTimeout() throws IOException {
        try (Socket silent = new Socket("127.0.0.1", server.pop3sPort())) {
            long connected = System.nanoTime();
            assertClosedWithinATenthOf(HANDSHAKE, silent, connected);
        }
    }

    @Test
    void aClientSilentAfterStlsIsClosedAtTheHandshakeTimeout() throws IOException {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("STLS")).isEqualTo("+OK Begin TLS negotiation");
            long answered = System.nanoTime();
            assertThat(pop.readUntilClosed(HANDSHAKE.multipliedBy(2))).isEmpty();
            assertWithinATenthOf(HANDSHAKE, answered);
        }
    }

    @Test
    void aConnectionIdleBeforeLoginIsClosedAtTheLoginTimeoutWithoutAReply() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("CAPA")).isEqualTo("+OK Capability list follows");
            pop.readMultilineData();
            long lastReply = System.nanoTime();
            assertThat(pop.readUntilClosed(BEFORE_LOGIN.multipliedBy(2))).isEmpty();
            assertWithinATenthOf(BEFORE_LOGIN, lastReply);
        }
    }

    @Test
    void aSessionIdleAfterLoginIsClosedAtTheConnectionTimeoutDeletingNothingAndReleasingTheMaildrop() {
        String user = "idle@pop3x.local";
        server.addUser(user, PASSWORD);
        server.deliver(user, Messages.text("a@example.test", user, "kept", "hello\n"));
        try (LogCapture log = LogCapture.of("dev.pop3x.protocol.Logout"); Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            assertThat(pop.command("DELE 1")).isEqualTo("+OK Message deleted");
            long lastReply = System.nanoTime();
            assertThat(pop.readUntilClosed(AFTER_LOGIN.multipliedBy(2))).isEmpty();
            assertWithinATenthOf(AFTER_LOGIN, lastReply);
            Eventually.until(Duration.ofSeconds(5), "the logout line", () -> log.lines().stream().anyMatch(line -> line.contains("user=" + user)));
            assertThat(log.lines()).anyMatch(line -> line.contains("user=" + user) && line.contains("reason=idle-timeout"));
        }
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.login(user, PASSWORD)).isEqualTo("+OK Welcome " + user);
            assertThat(pop.command("STAT")).startsWith("+OK 1 ");
        }
    }

    @Test
    void sessionsAreListedOverWebAdmin() {
        String user = "listed@pop3x.local";
        server.addUser(user, PASSWORD);
        server.deliver(user, Messages.text("a@example.test", user, "one", "hello\n"));
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            pop.command("NOOP");

            WebAdmin.Answer answer = webAdmin.get("/pop3x/sessions?user=" + user);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).hasSize(1);
            JsonNode session = answer.body().get(0);
            assertThat(session.get("user").asText()).isEqualTo(user);
            assertThat(session.get("device").isNull()).isTrue();
            assertThat(session.get("address").asText()).isEqualTo("127.0.0.1");
            assertThat(session.get("tls").asBoolean()).isFalse();
            assertThat(session.get("state").asText()).isEqualTo("TRANSACTION");
            assertThat(session.get("commands").asInt()).isEqualTo(3);
            assertThat(session.get("octetsSent").asLong()).isGreaterThan(0);
            assertThat(session.get("since").asText()).isNotEmpty();
            assertThat(webAdmin.get("/pop3x/sessions").body().findValuesAsText("id")).contains(session.get("id").asText());
        }
    }

    @Test
    void aSessionClosedOverWebAdminEndsWithoutItsUpdateStateAndReleasesTheMaildrop() {
        String user = "closed@pop3x.local";
        server.addUser(user, PASSWORD);
        server.deliver(user, Messages.text("a@example.test", user, "kept", "hello\n"));
        try (LogCapture log = LogCapture.of("dev.pop3x.protocol.OpenSessions"); Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            assertThat(pop.command("DELE 1")).isEqualTo("+OK Message deleted");
            String id = webAdmin.get("/pop3x/sessions?user=" + user).body().get(0).get("id").asText();

            assertThat(webAdmin.delete("/pop3x/sessions/" + id).status()).isEqualTo(204);

            assertThat(pop.readLine()).isEqualTo("-ERR Disconnected by the server's administrator; nothing was deleted.");
            assertThat(pop.readUntilClosed(Duration.ofSeconds(5))).isEmpty();
            assertThat(log.lines()).anyMatch(line -> line.startsWith("INFO Session " + id + " of " + user + " from 127.0.0.1 closed by WebAdmin client"));
        }
        assertThat(webAdmin.delete("/pop3x/sessions/no-such-session").status()).isEqualTo(404);
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.login(user, PASSWORD)).isEqualTo("+OK Welcome " + user);
            assertThat(pop.command("STAT")).startsWith("+OK 1 ");
        }
    }

    @Test
    void everySessionOfAUserIsClosedOverWebAdmin() {
        String user = "all@pop3x.local";
        server.addUser(user, PASSWORD);
        try (Pop3LineClient first = server.pop3(); Pop3LineClient second = server.pop3()) {
            first.login(user, PASSWORD);
            second.command("USER " + user);

            WebAdmin.Answer answer = webAdmin.delete("/pop3x/sessions?user=" + user);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().get("closed").asInt()).isEqualTo(2);
            assertThat(first.readLine()).startsWith("-ERR Disconnected by the server's administrator");
            assertThat(second.readLine()).startsWith("-ERR Disconnected by the server's administrator");
        }
        assertThat(webAdmin.get("/pop3x/sessions?user=" + user).body()).isEmpty();
        assertThat(webAdmin.delete("/pop3x/sessions").status()).isEqualTo(400);
    }

    @Test
    void theOpenConnectionsAreAGauge() {
        MetricsProbe metrics = james.getGuiceJamesServer().getProbe(MetricsProbe.class);
        long before = metrics.gauge("pop3x-connections");
        try (Pop3LineClient pop = server.pop3()) {
            pop.command("NOOP");
            assertThat(metrics.gauge("pop3x-connections")).isEqualTo(before + 1);
        }
        Eventually.until(Duration.ofSeconds(5), "the connection no longer counted", () -> metrics.gauge("pop3x-connections") == before);
    }

    @Test
    void theCertificateIsReloadedOverWebAdmin() throws Exception {
        assertThat(webAdmin.post("/pop3x/servers?reload-certificate").status()).isEqualTo(204);
        try (Pop3LineClient pop = Pop3LineClient.connectTls(server.pop3sPort())) {
            assertThat(pop.greeting()).startsWith("+OK");
        }
        assertThat(webAdmin.post("/pop3x/servers").status()).isEqualTo(400);
    }

    @Test
    void aConnectionResetBeforeTheGreetingIsReadIsOneInfoLine() throws Exception {
        try (LogCapture log = LogCapture.of("dev.pop3x.server.Pop3xChannelHandler");
             LogCapture james = LogCapture.of("org.apache.james.protocols.netty.BasicChannelInboundHandler")) {
            Socket socket = new Socket("127.0.0.1", server.pop3Port());
            socket.getOutputStream().write("CAPA\r\nCAPA\r\n".getBytes());
            socket.setSoLinger(true, 0);
            socket.close();
            try (Pop3LineClient later = server.pop3()) {
                later.command("NOOP");
            }
            assertThat(james.lines()).noneMatch(line -> line.startsWith("ERROR"));
            assertThat(log.lines()).allMatch(line -> line.startsWith("INFO"));
        }
    }

    @Test
    void aTlsHandshakeRefusedAfterStlsIsOneInfoLine() throws Exception {
        try (LogCapture log = LogCapture.of("dev.pop3x.server.Pop3xChannelHandler");
             LogCapture james = LogCapture.of("org.apache.james.protocols.netty.BasicChannelInboundHandler");
             Socket socket = new Socket("127.0.0.1", server.pop3Port())) {
            InputStream in = socket.getInputStream();
            assertThat(readLine(in)).startsWith("+OK");
            socket.getOutputStream().write("STLS\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readLine(in)).isEqualTo("+OK Begin TLS negotiation");
            // a client that offers only TLS 1.0, as every UW c-client program with /tls does
            SSLSocket tls = (SSLSocket) TlsClient.context().getSocketFactory().createSocket(socket, "127.0.0.1", server.pop3Port(), false);
            tls.setEnabledProtocols(new String[] {"TLSv1"});
            assertThatThrownBy(tls::startHandshake).isInstanceOf(IOException.class);

            Eventually.until(Duration.ofSeconds(5), "the handshake's log line", () -> !log.lines().isEmpty());
            assertThat(log.lines()).hasSize(1);
            assertThat(log.lines().get(0)).startsWith("INFO TLS handshake with 127.0.0.1 failed: ");
            assertThat(james.lines()).noneMatch(line -> line.startsWith("ERROR"));
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n' && b != -1) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static void assertClosedWithinATenthOf(Duration timeout, Socket socket, long since) throws IOException {
        socket.setSoTimeout((int) timeout.multipliedBy(2).toMillis());
        InputStream in = socket.getInputStream();
        try {
            assertThat(in.read()).isEqualTo(-1);
        } catch (SocketException reset) {
            // closed with a reset
        }
        assertWithinATenthOf(timeout, since);
    }

    private static void assertWithinATenthOf(Duration timeout, long since) {
        Duration took = Duration.ofNanos(System.nanoTime() - since);
        assertThat(took).as("closed after").isBetween(timeout.multipliedBy(9).dividedBy(10), timeout.multipliedBy(11).dividedBy(10));
    }
}
