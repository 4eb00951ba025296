package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.JamesServerExtension;
import org.apache.james.core.Username;
import org.apache.james.utils.DataProbeImpl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** AUTH (RFC 5034) with PLAIN (RFC 4616) and LOGIN: every path of the exchange, good and bad. */
class SaslAuthIT {
    private static final String ALICE = "alice@pop3x.local";
    private static final String BOB = "bob@pop3x.local";
    private static final String CAROL = "carol@pop3x.local";
    private static final String PASSWORD = "secret";

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass(JamesServers.withoutBrake());

    private static RunningJames server;

    @BeforeAll
    static void users() throws Exception {
        server = new RunningJames(james.getGuiceJamesServer()).addUser(ALICE, PASSWORD).addUser(BOB, PASSWORD).addUser(CAROL, PASSWORD);
        server.deliver(BOB, Messages.text("x@example.test", BOB, "for bob", "hello bob\n"));
        // alice may open bob's maildrop; carol may not
        server.server().getProbe(DataProbeImpl.class).addAuthorizedUser(Username.of(BOB), Username.of(ALICE));
    }

    @Test
    void authWithoutArgumentListsTheMechanisms() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.multiline("AUTH")).containsExactly("+OK Available authentication mechanisms follow", "PLAIN", "LOGIN", ".");
        }
    }

    @Test
    void plainWithAnInitialResponseLogsIn() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("AUTH PLAIN " + Sasl.plain(BOB, PASSWORD))).isEqualTo("+OK Welcome " + BOB);
            assertThat(pop.command("STAT")).startsWith("+OK 1 ");
        }
    }

    @Test
    void plainWithoutAnInitialResponseGetsAnEmptyChallenge() {
        try (Pop3LineClient pop = server.pop3()) {
            pop.command("AUTH PLAIN");
            pop.command(Sasl.plain(BOB, PASSWORD));
            assertThat(pop.transcript()).endsWith("C: AUTH PLAIN", "S: + ", "C: " + Sasl.plain(BOB, PASSWORD), "S: +OK Welcome " + BOB);
        }
    }

    @Test
    void anEmptyInitialResponseIsAnEqualsSign() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("AUTH PLAIN =")).isEqualTo("-ERR Malformed PLAIN response.");
            assertThat(pop.command("AUTH LOGIN =")).isEqualTo("+ " + Sasl.base64("Username:"));
            assertThat(pop.command(Sasl.base64(BOB))).isEqualTo("+ " + Sasl.base64("Password:"));
            assertThat(pop.command(Sasl.base64(PASSWORD))).isEqualTo("+OK Welcome " + BOB);
        }
    }

    @Test
    void loginAsksForTheUserNameThenThePassword() {
        try (Pop3LineClient pop = server.pop3()) {
            pop.command("AUTH LOGIN");
            pop.command(Sasl.base64(BOB));
            pop.command(Sasl.base64(PASSWORD));
            assertThat(pop.transcript()).endsWith(
                "C: AUTH LOGIN", "S: + VXNlcm5hbWU6",
                "C: Ym9iQHBvcDN4LmxvY2Fs", "S: + UGFzc3dvcmQ6",
                "C: c2VjcmV0", "S: +OK Welcome " + BOB);
        }
    }

    @Test
    void loginTakesTheUserNameAsInitialResponse() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("AUTH LOGIN " + Sasl.base64(BOB))).isEqualTo("+ UGFzc3dvcmQ6");
            assertThat(pop.command(Sasl.base64(PASSWORD))).isEqualTo("+OK Welcome " + BOB);
        }
    }

    @Test
    void aStarCancelsTheExchangeAndTheSessionGoesOn() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("AUTH PLAIN")).isEqualTo("+ ");
            assertThat(pop.command("*")).isEqualTo("-ERR Authentication aborted by client.");
            assertThat(pop.command("AUTH LOGIN")).isEqualTo("+ VXNlcm5hbWU6");
            assertThat(pop.command("*")).isEqualTo("-ERR Authentication aborted by client.");
            assertThat(pop.login(BOB, PASSWORD)).isEqualTo("+OK Welcome " + BOB);
        }
    }

    @Test
    void invalidBase64IsRefusedAndTheSessionGoesOn() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("AUTH PLAIN !!!notbase64!!!")).isEqualTo("-ERR Invalid base64 data.");
            assertThat(pop.command("AUTH PLAIN")).isEqualTo("+ ");
            assertThat(pop.command("AGJvYkBwb3AzeC5sb2NhbABzZWNyZXQ=x")).isEqualTo("-ERR Invalid base64 data.");
            assertThat(pop.command("AUTH PLAIN " + Sasl.plain(BOB, PASSWORD))).isEqualTo("+OK Welcome " + BOB);
        }
    }

    @Test
    void anUnknownMechanismIsRefused() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("AUTH CRAM-MD5")).isEqualTo("-ERR Unsupported authentication mechanism.");
            assertThat(pop.command("AUTH PLAIN a b")).isEqualTo("-ERR Usage: AUTH mechanism [initial-response]");
            assertThat(pop.command("AUTH PLAIN " + Sasl.plain(BOB, PASSWORD))).isEqualTo("+OK Welcome " + BOB);
        }
    }

    /** Found by fuzzing (PopFuzzIT): a no-break space alone was trimmed away, and AUTH failed with [SYS/TEMP]. */
    @Test
    void anArgumentOfNothingButANoBreakSpaceNamesNoMechanism() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("AUTH \u00a0")).isEqualTo("-ERR Usage: AUTH mechanism [initial-response]");
            assertThat(pop.command("AUTH PLAIN " + Sasl.plain(BOB, PASSWORD))).isEqualTo("+OK Welcome " + BOB);
        }
    }

    @Test
    void aWrongPasswordGetsTheAuthResponseCode() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("AUTH PLAIN " + Sasl.plain(CAROL, "wrong"))).isEqualTo("-ERR [AUTH] Authentication failed.");
            assertThat(pop.command("AUTH PLAIN " + Sasl.base64("no separators"))).isEqualTo("-ERR Malformed PLAIN response.");
            assertThat(pop.command("AUTH PLAIN " + Sasl.plain(CAROL, PASSWORD))).isEqualTo("+OK Welcome " + CAROL);
        }
    }

    @Test
    void anAuthorizationIdentityEqualToTheUserIsTheUsersOwnMaildrop() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("AUTH PLAIN " + Sasl.plain(BOB, BOB, PASSWORD))).isEqualTo("+OK Welcome " + BOB);
        }
    }

    @Test
    void delegationOpensTheMaildropJamesLetsTheUserOpen() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("AUTH PLAIN " + Sasl.plain(BOB, ALICE, PASSWORD))).isEqualTo("+OK Welcome " + BOB);
            assertThat(pop.multiline("RETR 1")).contains("Subject: for bob");
        }
    }

    @Test
    void delegationJamesDoesNotAllowIsRefusedAsAWrongPasswordIs() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("AUTH PLAIN " + Sasl.plain(BOB, CAROL, PASSWORD))).isEqualTo("-ERR [AUTH] Authentication failed.");
            assertThat(pop.command("AUTH PLAIN " + Sasl.plain(BOB, ALICE, "wrong"))).isEqualTo("-ERR [AUTH] Authentication failed.");
        }
    }

    @Test
    void anAuthorizationIdentityThatIsNoUserGetsTheAnswerOfOneThatMayNotBeOpened() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("AUTH PLAIN " + Sasl.plain("nobody@pop3x.local", CAROL, PASSWORD)))
                .isEqualTo("-ERR [AUTH] Authentication failed.");
            assertThat(pop.command("AUTH PLAIN " + Sasl.plain(BOB, CAROL, PASSWORD))).isEqualTo("-ERR [AUTH] Authentication failed.");
            assertThat(pop.command("AUTH PLAIN " + Sasl.plain("no user@", CAROL, PASSWORD))).isEqualTo("-ERR [AUTH] Authentication failed.");
        }
    }

    @Test
    void passwordsAreCheckedForTheAuthenticationIdentityNotTheMaildrop() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("AUTH PLAIN " + Sasl.plain(BOB, ALICE, "wrong"))).isEqualTo("-ERR [AUTH] Authentication failed.");
        }
    }

    @Test
    void allMechanismsOpenTheSameMaildropAsUserPass() {
        String viaUserPass;
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(BOB, PASSWORD);
            viaUserPass = String.join("\n", pop.multiline("UIDL"));
        }
        try (Pop3LineClient pop = server.pop3()) {
            pop.command("AUTH PLAIN " + Sasl.plain(BOB, PASSWORD));
            assertThat(String.join("\n", pop.multiline("UIDL"))).isEqualTo(viaUserPass);
        }
        try (Pop3LineClient pop = server.pop3()) {
            pop.command("AUTH LOGIN " + Sasl.base64(BOB));
            pop.command(Sasl.base64(PASSWORD));
            assertThat(String.join("\n", pop.multiline("UIDL"))).isEqualTo(viaUserPass);
        }
    }
}
