package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CAPA is accurate for the session's state (before and after STLS, before and after login, on the implicit-TLS
 * port), and every capability it lists works.
 */
class CapabilitiesIT {
    private static final String USER = "capa@pop3x.local";
    private static final String PASSWORD = "secret";
    private static final String IMPLEMENTATION = "IMPLEMENTATION pop3x-" + System.getProperty("pop3x.version");

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass(JamesServers.withoutBrake());

    private static RunningJames server;

    @BeforeAll
    static void userWithOneMessage() {
        server = new RunningJames(james.getGuiceJamesServer()).addUser(USER, PASSWORD);
        server.deliver(USER, Messages.text("a@example.test", USER, "capabilities", "line 1\nline 2\nline 3\n"));
    }

    @Test
    void beforeLoginCapaListsHowToLogInAndWhatTheTransactionStateOffers() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.multiline("CAPA")).containsExactly("+OK Capability list follows",
                "TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING", "USER", "SASL PLAIN LOGIN", "STLS",
                "EXPIRE NEVER", "UTF8 USER", "LANG", IMPLEMENTATION, ".");
        }
    }

    @Test
    void afterStlsCapaNoLongerOffersStls() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.startTls()).isEqualTo("+OK Begin TLS negotiation");
            assertThat(pop.multiline("CAPA")).containsExactly("+OK Capability list follows",
                "TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING", "USER", "SASL PLAIN LOGIN",
                "EXPIRE NEVER", "UTF8 USER", "LANG", IMPLEMENTATION, ".");
            assertThat(pop.command("STLS")).isEqualTo("-ERR TLS is already active.");
            assertThat(pop.login(USER, PASSWORD)).isEqualTo("+OK Welcome " + USER);
        }
    }

    @Test
    void theImplicitTlsPortOffersNoStls() {
        try (Pop3LineClient pop = Pop3LineClient.connectTls(server.pop3sPort())) {
            assertThat(pop.greeting()).isEqualTo("+OK pop3x.local POP3 server ready.");
            assertThat(pop.multiline("CAPA")).doesNotContain("STLS").contains("USER", "SASL PLAIN LOGIN");
            assertThat(pop.command("STLS")).isEqualTo("-ERR TLS is already active.");
            assertThat(pop.login(USER, PASSWORD)).isEqualTo("+OK Welcome " + USER);
            assertThat(pop.command("STAT")).startsWith("+OK 1 ");
        }
    }

    @Test
    void afterLoginCapaDropsUserAndStlsButKeepsSaslAsRfc5034Requires() {
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(USER, PASSWORD);
            assertThat(pop.multiline("CAPA")).containsExactly("+OK Capability list follows",
                "TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING", "SASL PLAIN LOGIN", "EXPIRE NEVER",
                "UTF8 USER", "LANG", IMPLEMENTATION, ".");
        }
    }

    @Test
    void aRefusedStlsLeavesTheSessionUsable() {
        try (Pop3LineClient pop = Pop3LineClient.connectTls(server.pop3sPort())) {
            assertThat(pop.command("STLS")).isEqualTo("-ERR TLS is already active.");
            assertThat(pop.command("NOOP")).isEqualTo("-ERR Command not valid before login");
            assertThat(pop.command("CAPA")).isEqualTo("+OK Capability list follows");
        }
    }

    @Test
    void everyTransactionCapabilityListedBeforeLoginWorksAfterIt() {
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(USER, PASSWORD);
            assertThat(pop.multiline("TOP 1 1")).startsWith("+OK Message follows").endsWith("", "line 1", ".");
            assertThat(pop.multiline("UIDL")).containsExactly("+OK unique-id listing follows", "1 1", ".");
            assertThat(pop.multiline("LANG")).startsWith("+OK Language listing follows");
        }
    }

    @Test
    void authenticationFailuresCarryTheAuthResponseCode() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.login(USER, "wrong")).isEqualTo("-ERR [AUTH] Authentication failed.");
            assertThat(pop.command("AUTH PLAIN " + Sasl.plain(USER, "wrong"))).isEqualTo("-ERR [AUTH] Authentication failed.");
            assertThat(pop.login("nobody@pop3x.local", PASSWORD)).isEqualTo("-ERR [AUTH] Authentication failed.");
        }
    }

    @Test
    void commandsOfTheWrongStateAreRefusedClearly() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("PASS secret")).isEqualTo("-ERR No username given.");
            assertThat(pop.command("STAT")).isEqualTo("-ERR Command not valid before login");
            pop.login(USER, PASSWORD);
            assertThat(pop.command("USER " + USER)).isEqualTo("-ERR Command not valid after login");
            assertThat(pop.command("AUTH PLAIN " + Sasl.plain(USER, PASSWORD))).isEqualTo("-ERR Command not valid after login");
            assertThat(pop.command("STLS")).isEqualTo("-ERR Command not valid after login");
            assertThat(pop.command("UTF8")).isEqualTo("-ERR Command not valid after login");
        }
    }
}
