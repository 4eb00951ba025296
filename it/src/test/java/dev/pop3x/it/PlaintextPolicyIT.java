package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

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
    static JamesServerExtension james = JamesServers.pop3xPerClass(home -> home.edit("pop3server.xml",
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
        // STARTTLS command injection (CVE-2021-33515 and kin): what follows STLS in the same packet must not run
        try (Pop3LineClient pop = server.pop3()) {
            pop.sendRaw("STLS\r\nUSER injected@pop3x.local\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(pop.readLine()).startsWith("-ERR");
            assertThat(pop.isClosedByServer(java.time.Duration.ofSeconds(5))).isTrue();
        }
    }
}
