package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 50 MB message travels SMTP, ToMaildir and RETR whole, checked by digest end to end, and pop3x never holds it in
 * memory: Java Flight Recorder records every large allocation of the James JVM with its stack, and none made under
 * {@code dev.pop3x} comes near the message's size.
 *
 * <p>The recording, not a heap limit, is the test: a memory James copies every message it queues into its heap (its
 * memory mail queue writes it through a growing {@code ByteArrayOutputStream}, 64 MB for this one, then copies that),
 * so its own delivery needs about 200 MB live for a 50 MB message, and at {@code -Xmx256m} it fails now and then
 * (G1 does not compact such arrays) before pop3x is involved. James gets 512 MB here; the recording must show that
 * copy (it sees what it should), and pop3x's largest allocation must stay under {@value #POP3X_LARGEST} octets.
 */
class BigMessageIT {
    private static final long BODY_OCTETS = 50L * 1024 * 1024;
    private static final String MAILDIR_USER = "big@maildir.pop3x.local";
    /** pop3x's buffers are tens of KB: a message-sized one would be 50 MB. */
    private static final long POP3X_LARGEST = 1024 * 1024;

    @TempDir
    static Path root;
    @TempDir
    static Path recording;
    private static DroppedInJames james;

    @BeforeAll
    static void startJamesRecordingLargeAllocations() throws IOException {
        List<String> options = new ArrayList<>(List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError"));
        options.addAll(LargeAllocations.jvmOptions(recording));
        james = DroppedInJames.start(root, options, home -> { })
            .addDomain("maildir.pop3x.local").addUser(MAILDIR_USER, "secret");
    }

    @AfterAll
    static void stopJames() {
        james.close();
    }

    @Test
    void aFiftyMegabyteMessageIsDeliveredToAMaildirAndRetrievedWholeWithoutPop3xHoldingIt() throws Exception {
        deliverAndRetrieve(MAILDIR_USER, 1);

        LargeAllocations allocations = LargeAllocations.of(james.pid(), recording);
        assertThat(allocations.largestUnder("org.apache.james.queue.memory"))
            .as("James's memory queue copies the message: the recording sees large allocations")
            .hasValueSatisfying(copy -> assertThat(copy.octets()).isGreaterThan(BODY_OCTETS / 2));
        Optional<LargeAllocations.Allocation> pop3x = allocations.largestUnderBesidesNettysPool("dev.pop3x");
        assertThat(pop3x.map(LargeAllocations.Allocation::octets).orElse(0L))
            .as("pop3x's largest allocation: %s", pop3x.map(String::valueOf).orElse("none"))
            .isLessThan(POP3X_LARGEST);
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
    private static MaildropClient awaitOneMessage(String user) {
        Eventually.until(Duration.ofMinutes(2), "the message in the maildrop of " + user, () -> {
            try (MaildropClient pop = MaildropClient.connect(james.ports().pop3(), Duration.ofSeconds(60))) {
                assertThat(pop.login(user, "secret")).startsWith("+OK");
                long messages = pop.stat()[0];
                pop.command("QUIT");
                return messages == 1;
            }
        });
        MaildropClient pop = MaildropClient.connect(james.ports().pop3(), Duration.ofSeconds(60));
        assertThat(pop.login(user, "secret")).startsWith("+OK");
        return pop;
    }

    private static String tail(String log) {
        return log.length() > 20_000 ? log.substring(log.length() - 20_000) : log;
    }
}
