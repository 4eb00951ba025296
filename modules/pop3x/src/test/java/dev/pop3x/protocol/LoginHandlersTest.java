package dev.pop3x.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.pop3x.auth.AuthSettings;
import dev.pop3x.maildrop.InMemoryMaildrop;
import dev.pop3x.maildrop.MaildropException;

/** The login flow, driven through pop3x's handler chain without a server: USER/PASS, the lock, LOGIN-DELAY, failures. */
class LoginHandlersTest {
    private static final String GREETING = "+OK pop3x.test POP3 server ready.";
    private static final String ALICE = "alice@pop3x.test";
    /** Clients from other addresses than loopback, without TLS. */
    private static final AuthSettings PLAINTEXT_ANYWHERE = new AuthSettings(true, false, true, Optional.empty());

    private final InMemoryMaildrop maildrop = new InMemoryMaildrop().with("Subject: one\r\n\r\nfirst\r\n");

    private HandlerChain.Builder chain() {
        return HandlerChain.builder().user("alice", "secret").store(user -> maildrop);
    }

    @Test
    void userThenPassEntersTheTransactionState() throws Exception {
        try (HandlerChain handlers = chain().build()) {
            handlers.connect().expect(GREETING)
                .send("USER " + ALICE).expect("+OK")
                .send("PASS secret").expect("+OK Welcome " + ALICE)
                .send("STAT").expect("+OK 1 23");
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithTheAuthCodeAndTheUserMustBeNamedAgain() throws Exception {
        try (HandlerChain handlers = chain().build()) {
            handlers.connect().expect(GREETING)
                .send("USER " + ALICE).expect("+OK")
                .send("PASS wrong").expect("-ERR [AUTH] Authentication failed.")
                .send("PASS secret").expect("-ERR No username given.");
        }
    }

    @Test
    void aPasswordIsNotTrimmed() throws Exception {
        try (HandlerChain handlers = chain().build()) {
            handlers.connect().expect(GREETING)
                .send("USER " + ALICE).expect("+OK")
                .send("PASS secret ").expect("-ERR [AUTH] Authentication failed.");
        }
    }

    @Test
    void plaintextIsRefusedOnAnInsecureConnectionWhenTheServerRequiresTls() throws Exception {
        try (HandlerChain handlers = chain().auth(new AuthSettings(true, true, false, Optional.empty())).build()) {
            handlers.connectFrom("192.0.2.7").expect(GREETING)
                .send("USER " + ALICE).expect("-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.");
        }
    }

    @Test
    void aSecondLoginMeetsInUseWhileTheFirstSessionHoldsTheMaildrop() throws Exception {
        try (HandlerChain handlers = chain().setting("lock.wait", "0s").setting("lock.takeover-after", "off").build()) {
            Pop3Script first = login(handlers.connect());
            handlers.connect().expect(GREETING)
                .send("USER " + ALICE).expect("+OK")
                .send("PASS secret").expect("-ERR [IN-USE] Mailbox is locked by another POP3 session.");
            first.send("STAT").expect("+OK 1 23");
        }
    }

    @Test
    void aLoginWaitsForTheHolderToQuitAndThenEnters() throws Exception {
        try (HandlerChain handlers = chain().setting("lock.wait", "10s").setting("lock.takeover-after", "off").build()) {
            Pop3Script first = login(handlers.connect());
            Pop3Script second = handlers.connect().expect(GREETING)
                .send("USER " + ALICE).expect("+OK")
                .send("PASS secret");
            first.send("QUIT").expect("+OK Apache James POP3 Server signing off.");
            second.expect("+OK Welcome " + ALICE);
        }
    }

    @Test
    void linesSentWhileALoginWaitsAreAnsweredAfterIt() throws Exception {
        try (HandlerChain handlers = chain().setting("lock.wait", "10s").setting("lock.takeover-after", "off").build()) {
            Pop3Script first = login(handlers.connect());
            Pop3Script second = handlers.connect().expect(GREETING)
                .pipeline("USER " + ALICE, "PASS secret", "STAT", "NOOP")
                .expect("+OK");
            first.send("QUIT").expect("+OK Apache James POP3 Server signing off.");
            second.expect("+OK Welcome " + ALICE, "+OK 1 23", "+OK");
        }
    }

    @Test
    void aDroppedConnectionReleasesTheMaildrop() throws Exception {
        try (HandlerChain handlers = chain().setting("lock.wait", "0s").setting("lock.takeover-after", "off").build()) {
            login(handlers.connect()).drop();
            login(handlers.connect()).send("STAT").expect("+OK 1 23");
        }
    }

    @Test
    void loginDelayRefusesALoginTooSoonAfterTheLastOne() throws Exception {
        SteppedClock clock = new SteppedClock(Instant.parse("2026-12-02T12:00:00Z"));
        try (HandlerChain handlers = chain().setting("login-delay.seconds", "60").clock(clock).build()) {
            login(handlers.connect()).send("QUIT").expect("+OK Apache James POP3 Server signing off.");
            clock.advance(Duration.ofSeconds(45));
            handlers.connect().expect(GREETING)
                .send("USER " + ALICE).expect("+OK")
                .send("PASS secret").expect("-ERR [LOGIN-DELAY] Minimum time between logins is 60 seconds; try again in 15 seconds.")
                .send("USER " + ALICE).expect("+OK");
            clock.advance(Duration.ofSeconds(15));
            login(handlers.connect()).send("STAT").expect("+OK 1 23");
        }
    }

    @Test
    void aMaildropThatCannotBeOpenedIsATemporaryFailureAndReleasesTheLock() throws Exception {
        HandlerChain.Builder failing = HandlerChain.builder().user("alice", "secret").setting("lock.wait", "0s")
            .store(user -> {
                throw MaildropException.temporary("mailbox backend down", null);
            });
        try (HandlerChain handlers = failing.build()) {
            for (int attempt = 0; attempt < 2; attempt++) {
                handlers.connect().expect(GREETING)
                    .send("USER " + ALICE).expect("+OK")
                    .send("PASS secret").expect("-ERR [SYS/TEMP] Cannot open the mailbox now; try again later.");
            }
        }
    }

    @Test
    void aCheckBeyondTheFreeFailuresWaitsAndWhatFollowsWaitsInOrder() throws Exception {
        HandlerChain.Builder braking = chain().setting("brake.free-failures", "0").setting("brake.initial-delay", "200ms");
        try (HandlerChain handlers = braking.build()) {
            handlers.connect().expect(GREETING)
                .pipeline("USER " + ALICE, "PASS wrong", "USER " + ALICE, "PASS secret", "STAT")
                .expect("+OK", "-ERR [AUTH] Authentication failed.", "+OK", "+OK Welcome " + ALICE, "+OK 1 23");
        }
    }

    @Test
    void otherSessionsAreServedWhileACheckWaits() throws Exception {
        HandlerChain.Builder braking = chain().setting("brake.free-failures", "0").setting("brake.initial-delay", "1m").setting("brake.max-delay", "1m")
            .auth(PLAINTEXT_ANYWHERE);
        try (HandlerChain handlers = braking.build()) {
            Pop3Script attacker = handlers.connectFrom("192.0.2.9").expect(GREETING)
                .send("USER bob@pop3x.test").expect("+OK")
                .send("PASS guess-1").expect("-ERR [AUTH] Authentication failed.")
                .send("USER bob@pop3x.test").expect("+OK")
                .send("PASS guess-2");
            login(handlers.connect()).send("STAT").expect("+OK 1 23");
            attacker.expectNoLineYet();
        }
    }

    @Test
    void theSameWrongPasswordByThreeMechanismsIsOneFailureAndEachIsAnsweredAtOnce() throws Exception {
        HandlerChain.Builder braking = chain().setting("brake.free-failures", "0").setting("brake.initial-delay", "1m").setting("brake.max-delay", "1m");
        try (HandlerChain handlers = braking.build()) {
            handlers.connect().expect(GREETING)
                .send("AUTH PLAIN").expect("+ ")
                .send(base64("\0" + ALICE + "\0typo")).expect("-ERR [AUTH] Authentication failed.")
                .send("AUTH LOGIN").expect("+ " + base64("Username:"))
                .send(base64(ALICE)).expect("+ " + base64("Password:"))
                .send(base64("typo")).expect("-ERR [AUTH] Authentication failed.")
                .send("USER " + ALICE).expect("+OK")
                .send("PASS typo").expect("-ERR [AUTH] Authentication failed.");
            assertThat(handlers.metrics().countFor("pop3x-login-failures")).isEqualTo(1);
        }
    }

    @Test
    void aRightPasswordAfterTwoTyposIsAnsweredAtOnce() throws Exception {
        try (HandlerChain handlers = chain().build()) {
            Pop3Script pop3 = handlers.connect().expect(GREETING)
                .send("USER " + ALICE).expect("+OK")
                .send("PASS typo-1").expect("-ERR [AUTH] Authentication failed.")
                .send("USER " + ALICE).expect("+OK")
                .send("PASS typo-2").expect("-ERR [AUTH] Authentication failed.")
                .send("USER " + ALICE).expect("+OK");
            long start = System.nanoTime();
            pop3.send("PASS secret").expect("+OK Welcome " + ALICE);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
        }
    }

    @Test
    void aUserNameWithControlCharactersIsNoUsersAndItsLoginFailsAsAnUnknownUsers() throws Exception {
        try (HandlerChain handlers = chain().build()) {
            handlers.connect().expect(GREETING)
                .send("USER alice\u001b[2J@pop3x.test").expect("+OK")
                .send("PASS secret").expect("-ERR [AUTH] Authentication failed.")
                .send("AUTH PLAIN " + base64("\0alice\u0000@pop3x.test\0secret")).expect("-ERR Malformed PLAIN response.")
                .send("AUTH LOGIN " + base64("alice\u0007@pop3x.test")).expect("+ " + base64("Password:"))
                .send(base64("secret")).expect("-ERR [AUTH] Authentication failed.");
        }
    }

    @Test
    void aCheckThatWouldWaitBehindAnotherIsNotMadeAndTheClientIsToldToTryLater() throws Exception {
        HandlerChain.Builder braking = chain().setting("brake.free-failures", "0").setting("brake.initial-delay", "1m").setting("brake.max-delay", "1m")
            .auth(PLAINTEXT_ANYWHERE);
        try (HandlerChain handlers = braking.build()) {
            handlers.connectFrom("192.0.2.9").expect(GREETING)
                .send("USER " + ALICE).expect("+OK")
                .send("PASS guess-1").expect("-ERR [AUTH] Authentication failed.");
            Pop3Script waiting = handlers.connectFrom("192.0.2.10").expect(GREETING)
                .send("USER " + ALICE).expect("+OK")
                .send("PASS guess-2");
            handlers.connectFrom("192.0.2.11").expect(GREETING)
                .send("USER " + ALICE).expect("+OK")
                .send("PASS secret").expect("-ERR [SYS/TEMP] Too many failed logins; try again later.");
            waiting.expectNoLineYet();
            assertThat(handlers.metrics().countFor("pop3x-login-checks-refused")).isEqualTo(1);
        }
    }

    @Test
    void loginsAndCommandsAreMeasuredWithJamesMetrics() throws Exception {
        try (HandlerChain handlers = chain().build()) {
            login(handlers.connect()).send("STAT").expect("+OK 1 23").send("QUIT").expect("+OK Apache James POP3 Server signing off.");
            assertThat(handlers.metrics().countFor("pop3x-logins")).isEqualTo(1);
            assertThat(handlers.metrics().executionTimesFor("pop3x-stat")).hasSize(1);
            assertThat(handlers.metrics().executionTimesFor("pop3x-pass")).hasSize(1);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Pop3Script login(Pop3Script pop3) {
        return pop3.expect(GREETING)
            .send("USER " + ALICE).expect("+OK")
            .send("PASS secret").expect("+OK Welcome " + ALICE);
    }
}
