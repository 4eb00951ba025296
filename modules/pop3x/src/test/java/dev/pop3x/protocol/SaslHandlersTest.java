package dev.pop3x.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.pop3x.maildrop.InMemoryMaildrop;

/** AUTH (RFC 5034) exchanges, driven through pop3x's handler chain without a server. */
class SaslHandlersTest {
    private static final String GREETING = "+OK pop3x.test POP3 server ready.";
    private static final String ALICE = "alice@pop3x.test";

    private final InMemoryMaildrop maildrop = new InMemoryMaildrop().with("Subject: one\r\n\r\nfirst\r\n");

    private HandlerChain handlers() throws Exception {
        return HandlerChain.builder().user("alice", "secret").store(user -> maildrop).build();
    }

    @Test
    void authWithoutAMechanismListsThoseOffered() throws Exception {
        try (HandlerChain handlers = handlers()) {
            handlers.connect().expect(GREETING)
                .send("AUTH").expect("+OK Available authentication mechanisms follow", "PLAIN", "LOGIN", ".");
        }
    }

    @Test
    void plainWithAnInitialResponseLogsIn() throws Exception {
        try (HandlerChain handlers = handlers()) {
            handlers.connect().expect(GREETING)
                .send("AUTH PLAIN " + plain(ALICE, "secret")).expect("+OK Welcome " + ALICE)
                .send("STAT").expect("+OK 1 23");
        }
    }

    @Test
    void plainWithoutAnInitialResponseGetsAnEmptyChallenge() throws Exception {
        try (HandlerChain handlers = handlers()) {
            handlers.connect().expect(GREETING)
                .send("AUTH PLAIN").expect("+ ")
                .send(plain(ALICE, "secret")).expect("+OK Welcome " + ALICE);
        }
    }

    @Test
    void loginAsksForTheUserNameThenThePassword() throws Exception {
        try (HandlerChain handlers = handlers()) {
            handlers.connect().expect(GREETING)
                .send("AUTH LOGIN").expect("+ VXNlcm5hbWU6")
                .send(base64(ALICE)).expect("+ UGFzc3dvcmQ6")
                .send(base64("secret")).expect("+OK Welcome " + ALICE);
        }
    }

    @Test
    void anAsteriskCancelsTheExchangeAndTheNextLineIsACommand() throws Exception {
        try (HandlerChain handlers = handlers()) {
            handlers.connect().expect(GREETING)
                .send("AUTH LOGIN").expect("+ VXNlcm5hbWU6")
                .send("*").expect("-ERR Authentication aborted by client.")
                .send("NOOP").expect("-ERR Command not valid before login");
        }
    }

    @Test
    void aContinuationThatIsNotBase64EndsTheExchange() throws Exception {
        try (HandlerChain handlers = handlers()) {
            handlers.connect().expect(GREETING)
                .send("AUTH PLAIN").expect("+ ")
                .send("not base64!").expect("-ERR Invalid base64 data.")
                .send("AUTH PLAIN " + plain(ALICE, "secret")).expect("+OK Welcome " + ALICE);
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithTheAuthCode() throws Exception {
        try (HandlerChain handlers = handlers()) {
            handlers.connect().expect(GREETING)
                .send("AUTH PLAIN " + plain(ALICE, "wrong")).expect("-ERR [AUTH] Authentication failed.");
        }
    }

    @Test
    void anUnknownMechanismIsRefused() throws Exception {
        try (HandlerChain handlers = handlers()) {
            handlers.connect().expect(GREETING)
                .send("AUTH CRAM-MD5").expect("-ERR Unsupported authentication mechanism.");
        }
    }

    @Test
    void commandsPipelinedBehindAnInitialResponseAreAnsweredAfterTheLogin() throws Exception {
        try (HandlerChain handlers = handlers()) {
            handlers.connect().expect(GREETING)
                .pipeline("AUTH PLAIN " + plain(ALICE, "secret"), "STAT", "QUIT")
                .expect("+OK Welcome " + ALICE, "+OK 1 23", "+OK Apache James POP3 Server signing off.")
                .expectClosed();
        }
    }

    private static String plain(String user, String password) {
        return base64("\0" + user + "\0" + password);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
