package dev.pop3x.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.pop3x.maildrop.InMemoryMaildrop;

/** The TRANSACTION and UPDATE states (RFC 1939) and LANG (RFC 6856), through pop3x's handler chain without a server. */
class TransactionHandlersTest {
    private static final String GREETING = "+OK pop3x.test POP3 server ready.";
    private static final String ALICE = "alice@pop3x.test";
    private static final String SIGN_OFF = "+OK Apache James POP3 Server signing off.";

    private final InMemoryMaildrop maildrop = new InMemoryMaildrop()
        .with("From: a@example.test\r\nSubject: top\r\n\r\nline 1\r\n.line 2\r\nline 3\r\n")
        .with("Subject: two\r\n\r\nsecond\r\n");

    private HandlerChain handlers() throws Exception {
        return HandlerChain.builder().user("alice", "secret").store(user -> maildrop).build();
    }

    private static Pop3Script loggedIn(HandlerChain handlers) {
        return handlers.connect().expect(GREETING)
            .send("USER " + ALICE).expect("+OK")
            .send("PASS secret").expect("+OK Welcome " + ALICE);
    }

    @Test
    void topWithNoLinesGivesTheHeaderAndTheBlankLine() throws Exception {
        try (HandlerChain handlers = handlers()) {
            loggedIn(handlers).send("TOP 1 0")
                .expect("+OK Message follows", "From: a@example.test", "Subject: top", "", ".");
        }
    }

    @Test
    void topByteStuffsABodyLineThatBeginsWithADot() throws Exception {
        try (HandlerChain handlers = handlers()) {
            loggedIn(handlers).send("TOP 1 2")
                .expect("+OK Message follows", "From: a@example.test", "Subject: top", "", "line 1", "..line 2", ".");
        }
    }

    @Test
    void topWithMoreLinesThanTheBodyGivesTheWholeMessage() throws Exception {
        try (HandlerChain handlers = handlers()) {
            loggedIn(handlers).send("TOP 1 99")
                .expect("+OK Message follows", "From: a@example.test", "Subject: top", "", "line 1", "..line 2", "line 3", ".");
        }
    }

    @Test
    void topWithoutALineCountShowsItsUsage() throws Exception {
        try (HandlerChain handlers = handlers()) {
            loggedIn(handlers).send("TOP 1").expect("-ERR Usage: TOP msg n");
        }
    }

    @Test
    void retrOfAMessageThatDoesNotExistIsRefused() throws Exception {
        try (HandlerChain handlers = handlers()) {
            loggedIn(handlers).send("RETR 9").expect("-ERR Message (9) does not exist.");
        }
    }

    @Test
    void aMessageMarkedDeletedIsNoLongerListedNorRetrieved() throws Exception {
        try (HandlerChain handlers = handlers()) {
            loggedIn(handlers)
                .send("DELE 1").expect("+OK Message deleted")
                .send("RETR 1").expect("-ERR Message (1) already deleted.")
                .send("UIDL").expect("+OK unique-id listing follows", "2 2", ".")
                .send("STAT").expect("+OK 1 24");
        }
    }

    @Test
    void rsetUnmarksWhatDeleMarked() throws Exception {
        try (HandlerChain handlers = handlers()) {
            loggedIn(handlers)
                .send("DELE 1").expect("+OK Message deleted")
                .send("RSET").expect("+OK")
                .send("UIDL").expect("+OK unique-id listing follows", "1 1", "2 2", ".");
        }
    }

    @Test
    void quitExpungesWhatDeleMarked() throws Exception {
        try (HandlerChain handlers = handlers()) {
            loggedIn(handlers)
                .send("DELE 2").expect("+OK Message deleted")
                .send("QUIT").expect(SIGN_OFF)
                .expectClosed();
            assertThat(maildrop.expunged()).extracting(message -> message.uniqueId()).containsExactly("2");
            assertThat(maildrop.isClosed()).isTrue();
        }
    }

    @Test
    void aDroppedConnectionExpungesNothing() throws Exception {
        try (HandlerChain handlers = handlers()) {
            Pop3Script pop3 = loggedIn(handlers).send("DELE 2").expect("+OK Message deleted");
            pop3.drop();
            assertThat(maildrop.expunged()).isEmpty();
            assertThat(maildrop.awaitClosed(Duration.ofSeconds(10))).as("closed off the event loop").isTrue();
        }
    }

    @Test
    void langListsTheLanguagesAndSwitchesTheTexts() throws Exception {
        try (HandlerChain handlers = handlers()) {
            loggedIn(handlers)
                .send("LANG").expect("+OK Language listing follows", "en English", "fr Français", ".")
                .send("LANG fr").expect("+OK fr Langue changée")
                .send("RETR 9").expect("-ERR Le message (9) n'existe pas.")
                .send("LANG de").expect("-ERR Langue non prise en charge : de");
        }
    }

    @Test
    void anUnknownCommandIsNamedInTheRefusal() throws Exception {
        try (HandlerChain handlers = handlers()) {
            loggedIn(handlers).send("XYZZY now").expect("-ERR Unknown command: XYZZY");
        }
    }
}
