package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.mail.Flags;

import org.apache.james.JamesServerExtension;
import org.apache.james.mailbox.model.MessageId;
import org.apache.james.mailbox.model.MultimailboxesSearchQuery;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.modules.MailboxProbeImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Storage calls run off the listener's event loops: on a listener with one I/O thread, while one session waits for
 * a store that takes 200 ms per call ({@link SlowMaildrops}), 50 other sessions are greeted and answered at once.
 * QUIT answers once the UPDATE state is done, and its session's other storage work (the retrievals stored, the
 * maildrop released) follows the reply, before the connection is closed ({@link HeldMaildrops} holds it).
 */
class StorageOffTheEventLoopIT {
    private static final String PASSWORD = "secret";
    private static final String SLOW_USER = "waiting@slow.pop3x.local";
    private static final int OTHERS = 50;
    private static final int RETRS = 20;
    private static final Duration BOUND = Duration.ofMillis(50);

    @RegisterExtension
    static JamesServerExtension james = JamesServers.builder(home -> home
        .edit("pop3xserver.xml", xml -> xml.replaceFirst("<connectionBacklog>200</connectionBacklog>",
            "<connectionBacklog>200</connectionBacklog><ioWorkerCount>1</ioWorkerCount>"))
        .edit("extensions.properties", properties -> properties.replace("guice.extension.module=dev.pop3x.Pop3xModule",
            "guice.extension.module=dev.pop3x.Pop3xModule," + SlowMaildrops.class.getName() + "," + HeldMaildrops.class.getName()))
        .edit("pop3x.properties", properties -> properties + "\nmaildrop.backend[slow.pop3x.local]=" + SlowMaildrops.BACKEND + "\n"
            + "maildrop.backend[held.pop3x.local]=" + HeldMaildrops.BACKEND + "\n"))
        .overrideServerModule(HeldMaildrops.PROBE)
        .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
        .build();

    private static RunningJames server;
    private static final List<Pop3LineClient> others = new ArrayList<>();

    @BeforeAll
    static void sessions() {
        server = new RunningJames(james.getGuiceJamesServer());
        server.addUser(SLOW_USER, PASSWORD);
        server.appendToInbox(SLOW_USER, Messages.text("a@example.test", SLOW_USER, "slow", "hello\n"), Instant.now());
        for (int i = 0; i < OTHERS; i++) {
            String user = "other" + i + "@pop3x.local";
            server.addUser(user, PASSWORD);
            Pop3LineClient other = server.pop3();
            other.login(user, PASSWORD);
            others.add(other);
        }
    }

    @AfterAll
    static void close() {
        others.forEach(Pop3LineClient::close);
    }

    @Test
    void whileASessionWaitsForASlowStoreOtherSessionsAreGreetedAndAnsweredAtOnce() {
        try (Pop3LineClient waiting = server.pop3()) {
            waiting.login(SLOW_USER, PASSWORD);
            // the same commands once before, so that what is measured is the wait, not the first run of the code
            others.forEach(other -> other.command("STAT"));
            StringBuilder retrs = new StringBuilder();
            for (int i = 0; i < RETRS; i++) {
                retrs.append("RETR 1\r\n");
            }
            long start = System.nanoTime();
            waiting.sendRaw(retrs.toString().getBytes());

            List<Duration> greetings = new ArrayList<>();
            List<Duration> stats = new ArrayList<>();
            for (Pop3LineClient other : others) {
                long sent = System.nanoTime();
                assertThat(other.command("STAT")).isEqualTo("+OK 0 0");
                stats.add(Duration.ofNanos(System.nanoTime() - sent));
                long connecting = System.nanoTime();
                try (Pop3LineClient greeted = server.pop3()) {
                    assertThat(greeted.greeting()).startsWith("+OK");
                    greetings.add(Duration.ofNanos(System.nanoTime() - connecting));
                }
            }
            Duration measured = Duration.ofNanos(System.nanoTime() - start);

            System.out.printf("off-loop: while a session waited for %d calls of %d ms, %d STAT replies came in at most %d ms, "
                + "%d greetings in at most %d ms; the measures took %d ms%n", RETRS, SlowMaildrops.CALL.toMillis(), stats.size(),
                stats.stream().max(Duration::compareTo).orElseThrow().toMillis(), greetings.size(),
                greetings.stream().max(Duration::compareTo).orElseThrow().toMillis(), measured.toMillis());
            assertThat(measured).as("the measures were taken while the session waited").isLessThan(SlowMaildrops.CALL.multipliedBy(RETRS));
            assertThat(stats).allSatisfy(took -> assertThat(took).isLessThan(BOUND));
            assertThat(greetings).allSatisfy(took -> assertThat(took).isLessThan(BOUND));
            for (int i = 0; i < RETRS; i++) {
                assertThat(waiting.readLine()).isEqualTo("+OK Message follows");
                waiting.readMultilineData();
            }
        }
    }

    @Test
    void quitAnswersAtOnceThenStoresTheRetrievalsBeforeClosingTheConnection() throws Exception {
        String user = heldUserWithOneMessage("leaving");
        HeldMaildrops.Gate gate = gateHolding(HeldMaildrops.Gate.Call.CLOSE);
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            pop.multiline("RETR 1");
            pop.send("QUIT");

            assertThat(pop.readLine()).isEqualTo("+OK Apache James POP3 Server signing off.");
            assertThat(gate.awaitReached()).isEqualTo(HeldMaildrops.Gate.Call.CLOSE);
            assertThat(seen(user)).as("the retrieval, stored as the maildrop closes").isEmpty();
            assertThat(pop.sendsNothingWithin(Duration.ofMillis(500))).as("the connection stays open meanwhile").isTrue();

            gate.open();
            assertThat(pop.isClosedByServer(Duration.ofSeconds(30))).isTrue();
        }
        assertThat(seen(user)).hasSize(1);
    }

    @Test
    void quitWithDeletionsAnswersOnlyOnceTheyAreExpunged() throws Exception {
        String user = heldUserWithOneMessage("deleting");
        HeldMaildrops.Gate gate = gateHolding(HeldMaildrops.Gate.Call.EXPUNGE);
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            assertThat(pop.command("DELE 1")).startsWith("+OK");
            pop.send("QUIT");

            assertThat(gate.awaitReached()).isEqualTo(HeldMaildrops.Gate.Call.EXPUNGE);
            assertThat(pop.sendsNothingWithin(Duration.ofMillis(500))).as("no reply while the message is being expunged").isTrue();

            gate.open();
            assertThat(pop.readLine()).isEqualTo("+OK Apache James POP3 Server signing off.");
            assertThat(pop.isClosedByServer(Duration.ofSeconds(30))).isTrue();
        }
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            assertThat(pop.command("STAT")).isEqualTo("+OK 0 0");
        }
    }

    /** A new user of the held backend, with one message in the INBOX. */
    private static String heldUserWithOneMessage(String name) {
        String user = name + "@held.pop3x.local";
        server.addUser(user, PASSWORD);
        server.appendToInbox(user, Messages.text("a@example.test", user, name, "hello\n"), Instant.now());
        return user;
    }

    private static HeldMaildrops.Gate gateHolding(HeldMaildrops.Gate.Call call) {
        HeldMaildrops.Gate gate = server.server().getProbe(HeldMaildrops.Gate.class);
        gate.hold(call);
        return gate;
    }

    private static List<MessageId> seen(String user) throws Exception {
        return List.copyOf(server.server().getProbe(MailboxProbeImpl.class).searchMessage(
            MultimailboxesSearchQuery.from(SearchQuery.of(SearchQuery.flagIsSet(Flags.Flag.SEEN))).build(), user, 10));
    }

    @Test
    void aLargeMessageIsReadOffTheEventLoopAsItIsSent() {
        String user = "large@held.pop3x.local";
        server.addUser(user, PASSWORD);
        String body = "0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz\n".repeat(4_000);
        server.appendToInbox(user, Messages.text("a@example.test", user, "large", body), Instant.now());
        HeldMaildrops.Gate gate = server.server().getProbe(HeldMaildrops.Gate.class);
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            List<String> retr = pop.multiline("RETR 1");
            List<String> top = pop.multiline("TOP 1 3");

            assertThat(retr).hasSizeGreaterThan(4_000).contains("Subject: large").endsWith(".");
            assertThat(retr.subList(retr.size() - 4_001, retr.size() - 1)).containsOnly(body.substring(0, 72));
            assertThat(top).contains("Subject: large").hasSizeLessThan(30).endsWith(".");
            assertThat(pop.command("QUIT")).startsWith("+OK");
        }
        assertThat(gate.contentReaders()).as("the threads that read the message").isNotEmpty().allMatch(thread -> thread.startsWith("pop3x-storage-"));
    }
}
