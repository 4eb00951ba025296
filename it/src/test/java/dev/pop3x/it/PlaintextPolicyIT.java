package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code <auth><requireSSL>true</requireSSL>} refuses passwords in the clear: before STLS, CAPA hides USER and
 * the password mechanisms and the commands are refused with {@code [AUTH]}; after STLS, or on the implicit-TLS
 * port, they work. The test turns {@code loopbackIsSecure} off, since its client is on 127.0.0.1.
 */
class PlaintextPolicyIT {
    private static final String USER = "plain@pop3x.local";
    private static final String PASSWORD = "secret";

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass(home -> home.edit("pop3xserver.xml",
        xml -> xml.replace("<loopbackIsSecure>true</loopbackIsSecure>", "<loopbackIsSecure>false</loopbackIsSecure>")));

    private static RunningJames server;

    @BeforeAll
    static void user() {
        server = new RunningJames(james.getGuiceJamesServer()).addUser(USER, PASSWORD);
    }

    @Test
    void beforeStlsCapaOffersNoWayToSendAPassword() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.multiline("CAPA")).doesNotContain("USER").noneMatch(line -> line.startsWith("SASL")).contains("STLS");
            assertThat(pop.multiline("AUTH")).containsExactly("+OK Available authentication mechanisms follow", ".");
        }
    }

    @Test
    void beforeStlsPasswordsAreRefusedWithTheAuthCode() {
        try (Pop3LineClient pop = server.pop3()) {
            pop.command("USER " + USER);
            pop.command("PASS " + PASSWORD);
            pop.command("AUTH PLAIN " + Sasl.plain(USER, PASSWORD));
            pop.command("AUTH LOGIN");
            assertThat(pop.transcript()).endsWith(
                "C: USER " + USER, "S: -ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.",
                "C: PASS " + PASSWORD, "S: -ERR No username given.",
                "C: AUTH PLAIN " + Sasl.plain(USER, PASSWORD), "S: -ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.",
                "C: AUTH LOGIN", "S: -ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.");
        }
    }

    @Test
    void afterStlsUserPassAndPlainWork() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.startTls()).isEqualTo("+OK Begin TLS negotiation");
            assertThat(pop.multiline("CAPA")).contains("USER", "SASL PLAIN LOGIN").doesNotContain("STLS");
            assertThat(pop.login(USER, PASSWORD)).isEqualTo("+OK Welcome " + USER);
        }
        try (Pop3LineClient pop = server.pop3()) {
            pop.startTls();
            assertThat(pop.command("AUTH PLAIN " + Sasl.plain(USER, PASSWORD))).isEqualTo("+OK Welcome " + USER);
        }
    }

    @Test
    void theImplicitTlsPortTakesPasswordsAtOnce() {
        try (Pop3LineClient pop = Pop3LineClient.connectTls(server.pop3sPort())) {
            assertThat(pop.multiline("CAPA")).contains("USER", "SASL PLAIN LOGIN");
            assertThat(pop.login(USER, PASSWORD)).isEqualTo("+OK Welcome " + USER);
        }
    }

    @Test
    void commandsSentWithStlsInOneWriteAreDroppedNotRun() {
        // STARTTLS command injection (CVE-2011-0411 and kin): what follows STLS in the same packet must not run
        try (Pop3LineClient pop = server.pop3()) {
            pop.sendRaw("STLS\r\nUSER injected@pop3x.local\r\nPASS x\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(pop.readLine()).isEqualTo("+OK Begin TLS negotiation");
            String rest = new String(pop.readUntilClosed(Duration.ofSeconds(5)), StandardCharsets.ISO_8859_1);
            assertThat(rest).as("closed, with no POP3 reply to the injected lines").doesNotContain("+OK").doesNotContain("-ERR");
        }
    }

    /** RFC 1939 keywords are ASCII: U+017F (long s) and U+0131 (dotless i) upper-case to S and I in Java, not here. */
    @Test
    void aKeywordWithUnicodeLettersIsNoCommandSoNothingIsInjectedBehindIt() {
        try (Pop3LineClient pop = server.pop3()) {
            pop.sendRaw("\u017fTLS\r\nUSER tls@pop3x.local\r\n".getBytes(StandardCharsets.UTF_8));
            assertThat(pop.readLine()).isEqualTo("-ERR Unknown command: ?TLS");
            assertThat(pop.readLine()).isEqualTo("-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.");
            assertThat(pop.startTls()).isEqualTo("+OK Begin TLS negotiation");
            assertThat(pop.command("PASS " + PASSWORD)).as("USER sent before TLS named no one").isEqualTo("-ERR No username given.");
        }
    }

    @Test
    void unicodeLookAlikesOfTransactionCommandsAreUnknown() {
        try (Pop3LineClient pop = server.pop3()) {
            pop.startTls();
            pop.login(USER, PASSWORD);
            assertThat(pop.command("\u017ftat")).isEqualTo("-ERR Unknown command: ?TAT");
            assertThat(pop.command("l\u0131st")).isEqualTo("-ERR Unknown command: L?ST");
            assertThat(pop.command("stat")).startsWith("+OK ");
        }
    }
}
