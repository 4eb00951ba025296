package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Storage calls run off the listener's event loops: on a listener with one I/O thread, while one session waits for
 * a store that takes 200 ms per call ({@link SlowMaildrops}), 50 other sessions are greeted and answered at once.
 */
class StorageOffTheEventLoopIT {
    private static final String PASSWORD = "secret";
    private static final String SLOW_USER = "waiting@slow.pop3x.local";
    private static final int OTHERS = 50;
    private static final int RETRS = 20;
    private static final Duration BOUND = Duration.ofMillis(50);

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass(home -> home
        .edit("pop3xserver.xml", xml -> xml.replaceFirst("<connectionBacklog>200</connectionBacklog>",
            "<connectionBacklog>200</connectionBacklog><ioWorkerCount>1</ioWorkerCount>"))
        .edit("extensions.properties", properties -> properties.replace("guice.extension.module=dev.pop3x.Pop3xModule",
            "guice.extension.module=dev.pop3x.Pop3xModule," + SlowMaildrops.class.getName()))
        .edit("pop3x.properties", properties -> properties + "\nmaildrop.backend[slow.pop3x.local]=" + SlowMaildrops.BACKEND + "\n"));

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
}
