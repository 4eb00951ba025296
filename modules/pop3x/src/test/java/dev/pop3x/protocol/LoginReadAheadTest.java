package dev.pop3x.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.apache.james.core.Username;
import org.junit.jupiter.api.Test;

import dev.pop3x.maildrop.InMemoryMaildrop;

class LoginReadAheadTest {
    private static final Username BOB = Username.of("bob@example.com");
    private static final Instant YESTERDAY = Instant.parse("2026-12-05T10:00:00Z");

    /** A session whose login read one new message ahead; the client asked for it or not. */
    private static MessagesAhead sessionWithNewMail(boolean retrieved) {
        InMemoryMaildrop maildrop = new InMemoryMaildrop().withRetrieved("seen\n", YESTERDAY).with("new\n");
        MessagesAhead ahead = new MessagesAhead();
        ahead.fillAtLogin(new Transaction(BOB, Optional.empty(), maildrop, maildrop, Optional.empty()));
        if (retrieved) {
            ahead.take(2);
        }
        return ahead;
    }

    @Test
    void aUserIsReadAheadForAtFirst() {
        assertThat(new LoginReadAhead().forLogin(BOB)).isTrue();
    }

    @Test
    void aUserWhoseSessionAskedForNoneOfWhatItsLoginReadIsNotReadAheadForAgain() {
        LoginReadAhead loginReadAhead = new LoginReadAhead();

        loginReadAhead.ended(BOB, sessionWithNewMail(false), false);

        assertThat(loginReadAhead.forLogin(BOB)).isFalse();
        assertThat(loginReadAhead.forLogin(Username.of("alice@example.com"))).isTrue();
    }

    @Test
    void aSessionThatRetrievesNewMailBringsTheReadingAheadBack() {
        LoginReadAhead loginReadAhead = new LoginReadAhead();
        loginReadAhead.ended(BOB, sessionWithNewMail(false), false);

        loginReadAhead.ended(BOB, new MessagesAhead(), true);

        assertThat(loginReadAhead.forLogin(BOB)).isTrue();
    }

    @Test
    void aSessionThatRetrievesOnlyMailRetrievedBeforeDoesNotBringItBack() {
        LoginReadAhead loginReadAhead = new LoginReadAhead();
        loginReadAhead.ended(BOB, sessionWithNewMail(false), false);

        loginReadAhead.ended(BOB, new MessagesAhead(), false);

        assertThat(loginReadAhead.forLogin(BOB)).isFalse();
    }

    @Test
    void aSessionThatRetrievedWhatItsLoginReadKeepsItComing() {
        LoginReadAhead loginReadAhead = new LoginReadAhead();

        loginReadAhead.ended(BOB, sessionWithNewMail(true), true);

        assertThat(loginReadAhead.forLogin(BOB)).isTrue();
    }
}
