package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 50 MB message travels SMTP, ToMaildir and RETR whole, with James's heap capped at 256 MB: neither our delivery
 * mailet nor our RETR holds a message in memory. The message is checked by digest, end to end.
 *
 * <p>The {@code james} backend is not tried here: a memory James keeps every message in its heap and its own
 * delivery path copies a 50 MB message several times, so it runs out of a 256 MB heap before POP3 is involved.
 */
class BigMessageIT {
    private static final long BODY_OCTETS = 50L * 1024 * 1024;
    private static final String MAILDIR_USER = "big@maildir.pop3x.local";

    @TempDir
    static Path root;
    private static DroppedInJames james;

    @BeforeAll
    static void startJamesWith256MbOfHeap() {
        james = DroppedInJames.start(root, List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"), home -> { })
            .addDomain("maildir.pop3x.local").addUser(MAILDIR_USER, "secret");
    }

    @AfterAll
    static void stopJames() {
        james.close();
    }

    @Test
    void aFiftyMegabyteMessageIsDeliveredToAMaildirAndRetrievedWhole() throws Exception {
        deliverAndRetrieve(MAILDIR_USER, 1);
    }

    private static void deliverAndRetrieve(String user, long number) throws Exception {
        try {
            deliverAndRetrieveWhole(user, number);
        } catch (RuntimeException e) {
            throw new AssertionError("James alive: " + james.isAlive() + "; log:\n" + tail(james.log()), e);
        }
    }

    private static void deliverAndRetrieveWhole(String user, long number) throws Exception {
        james.smtp().deliverStreamed("sender@example.test", user, out -> write(out, user, number));
        try (MaildropClient pop = awaitOneMessage(user)) {
            long listed = Long.parseLong(pop.command("LIST 1").split(" ")[2]);
            NumberedMessages.BodyDigest body = new NumberedMessages.BodyDigest();
            long received = pop.retr(1, body);

            assertThat(received).as("octets RETR sent").isEqualTo(listed).isGreaterThan(BODY_OCTETS);
            assertThat(body.digest()).as("SHA-256 of the body").isEqualTo(NumberedMessages.bodyDigest(number, BODY_OCTETS));
            assertThat(pop.command("QUIT")).startsWith("+OK");
        }
        assertThat(james.isAlive()).as("James survived; log:\n%s", tail(james.log())).isTrue();
    }

    private static void write(Writer out, String user, long number) throws IOException {
        out.write(NumberedMessages.headers("sender@example.test", user, number, BODY_OCTETS));
        NumberedMessages.writeBody(number, BODY_OCTETS, out);
    }

    /** Delivery runs after SMTP's 250: logs in until the message is in the maildrop. */
    private static MaildropClient awaitOneMessage(String user) throws InterruptedException {
        for (int attempt = 0; attempt < 600; attempt++) {
            MaildropClient pop = MaildropClient.connect(james.ports().pop3(), Duration.ofSeconds(60));
            assertThat(pop.login(user, "secret")).startsWith("+OK");
            if (pop.stat()[0] == 1) {
                return pop;
            }
            pop.command("QUIT");
            pop.close();
            Thread.sleep(200);
        }
        throw new AssertionError("The message never reached " + user + "; log:\n" + tail(james.log()));
    }

    private static String tail(String log) {
        return log.length() > 20_000 ? log.substring(log.length() - 20_000) : log;
    }
}
