package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A login takes the maildrop over from a session idle for {@code lock.takeover-after} (2 s here): the connection a
 * phone leaves behind when it loses its network, which the server would notice only at the idle timeout (600 s).
 * The old session ends as a lost connection does: its deletion marks are dropped, nothing is expunged. A session
 * that is doing something (commands, or a reply still moving towards its client) is never taken over.
 */
class LockTakeOverIT {
    private static final String USER = "phone@pop3x.local";
    private static final String PASSWORD = "secret";
    private static final Duration TAKE_OVER_AFTER = Duration.ofSeconds(2);
    private static final int LARGE_MESSAGE_LINES = 300_000;

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass(home -> home.edit("pop3x.properties",
        properties -> properties.replace("lock.takeover-after=30s", "lock.takeover-after=2s")));

    private static RunningJames server;

    @BeforeAll
    static void maildropOfThreeMessages() {
        server = new RunningJames(james.getGuiceJamesServer()).addUser(USER, PASSWORD);
        server.deliver(USER, Messages.text("a@example.test", USER, "one", "hello\n"));
        server.deliver(USER, Messages.text("b@example.test", USER, "two", "hello again\n"));
        StringBuilder large = new StringBuilder();
        for (int i = 0; i < LARGE_MESSAGE_LINES; i++) {
            large.append("line ").append(i).append(" of a message that takes a while to read slowly\n");
        }
        server.deliver(USER, Messages.text("c@example.test", USER, "three", large.toString()));
    }

    @Test
    void aHalfOpenSessionIsTakenOverAfterItsIdleTimeAndDeletesNothing() throws Exception {
        try (Pop3LineClient phone = server.pop3(); Pop3LineClient again = server.pop3()) {
            phone.login(USER, PASSWORD);
            assertThat(phone.multiline("RETR 1")).startsWith("+OK Message follows");
            assertThat(phone.command("DELE 2")).isEqualTo("+OK Message deleted");
            // the phone's network is gone: it sends nothing more and never closes
            Thread.sleep(TAKE_OVER_AFTER.plusMillis(500).toMillis());

            assertThat(again.login(USER, PASSWORD)).isEqualTo("+OK Welcome " + USER);
            assertThat(again.command("STAT")).as("message 2 was only marked deleted").startsWith("+OK 3 ");

            assertThat(phone.readLine()).isEqualTo("-ERR Disconnected: a new login took over this mailbox; nothing was deleted.");
            assertThat(phone.isClosedByServer(Duration.ofSeconds(5))).as("the old socket is closed by the server").isTrue();
            again.command("QUIT");
        }
        assertThat(server.messageCount(USER)).isEqualTo(3);
    }

    @Test
    void aSessionSendingCommandsIsNotTakenOver() throws Exception {
        try (Pop3LineClient busy = server.pop3(); Pop3LineClient other = server.pop3()) {
            busy.login(USER, PASSWORD);
            for (int i = 0; i < 6; i++) {
                Thread.sleep(500);
                assertThat(busy.command("NOOP")).isEqualTo("+OK");
            }
            assertThat(other.login(USER, PASSWORD)).isEqualTo("-ERR [IN-USE] Mailbox is locked by another POP3 session.");
            assertThat(busy.command("STAT")).startsWith("+OK 3 ");
            busy.command("QUIT");
        }
    }

    @Test
    void aSessionWhoseReplyIsStillMovingIsNotTakenOver() throws Exception {
        try (Pop3LineClient reading = server.pop3(); Pop3LineClient other = server.pop3()) {
            reading.login(USER, PASSWORD);
            reading.send("RETR 3");
            assertThat(reading.readLine()).isEqualTo("+OK Message follows");
            long start = System.nanoTime();
            // a slow link: the 16 MB message (four times what the socket buffers hold) trickles out, 2 MB a second,
            // for longer than the take-over time
            while (Duration.ofNanos(System.nanoTime() - start).compareTo(TAKE_OVER_AFTER.plusSeconds(1)) < 0) {
                for (int i = 0; i < 2000; i++) {
                    reading.readLine();
                }
                Thread.sleep(50);
            }
            assertThat(other.login(USER, PASSWORD)).isEqualTo("-ERR [IN-USE] Mailbox is locked by another POP3 session.");
            List<String> rest = reading.readMultilineData();
            assertThat(rest.get(rest.size() - 2)).startsWith("line " + (LARGE_MESSAGE_LINES - 1) + " ");
            assertThat(reading.command("QUIT")).startsWith("+OK");
        }
    }
}
