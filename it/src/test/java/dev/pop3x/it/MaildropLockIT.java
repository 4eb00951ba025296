package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The maildrop lock (RFC 1939 section 8): while a session holds a maildrop, another session of the same user gets
 * {@code -ERR [IN-USE]} at once; the lock goes with QUIT, with a dropped connection and with the idle timeout. The
 * server's idle timeout is shortened to 2 s here.
 */
class MaildropLockIT {
    private static final String USER = "locked@pop3x.local";
    private static final String OTHER = "other@pop3x.local";
    private static final String PASSWORD = "secret";

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass(home -> home.edit("pop3server.xml",
        xml -> xml.replace("<connectiontimeout>600</connectiontimeout>", "<connectiontimeout>2</connectiontimeout>")));

    private static RunningJames server;

    @BeforeAll
    static void users() {
        server = new RunningJames(james.getGuiceJamesServer()).addUser(USER, PASSWORD).addUser(OTHER, PASSWORD);
        server.deliver(USER, Messages.text("a@example.test", USER, "one", "hello\n"));
    }

    @Test
    void aSecondSessionOfTheUserGetsInUseAtOnceAndTheFirstGoesOn() {
        try (Pop3LineClient first = server.pop3(); Pop3LineClient second = server.pop3()) {
            assertThat(first.login(USER, PASSWORD)).isEqualTo("+OK Welcome " + USER);
            long start = System.nanoTime();
            assertThat(second.login(USER, PASSWORD)).isEqualTo("-ERR [IN-USE] Mailbox is locked by another POP3 session.");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(second.command("AUTH PLAIN " + Sasl.plain(USER, PASSWORD))).isEqualTo("-ERR [IN-USE] Mailbox is locked by another POP3 session.");
            assertThat(first.command("STAT")).startsWith("+OK 1 ");
            assertThat(second.login(OTHER, PASSWORD)).isEqualTo("+OK Welcome " + OTHER);
            first.command("QUIT");
        }
    }

    @Test
    void quitReleasesTheLock() {
        try (Pop3LineClient first = server.pop3()) {
            first.login(USER, PASSWORD);
            first.command("QUIT");
        }
        try (Pop3LineClient second = server.pop3()) {
            assertThat(second.login(USER, PASSWORD)).isEqualTo("+OK Welcome " + USER);
            second.command("QUIT");
        }
    }

    @Test
    void aDroppedConnectionReleasesTheLock() throws Exception {
        Pop3LineClient first = server.pop3();
        first.login(USER, PASSWORD);
        first.abort();
        assertThat(loginWithin(Duration.ofSeconds(5))).isEqualTo("+OK Welcome " + USER);
    }

    @Test
    void theIdleTimeoutReleasesTheLock() throws Exception {
        try (Pop3LineClient idle = server.pop3()) {
            idle.login(USER, PASSWORD);
            assertThat(idle.isClosedByServer(Duration.ofSeconds(10))).as("closed by the idle timeout").isTrue();
        }
        assertThat(loginWithin(Duration.ofSeconds(5))).isEqualTo("+OK Welcome " + USER);
    }

    @Test
    void aFailedPasswordDoesNotTouchTheLock() {
        try (Pop3LineClient first = server.pop3(); Pop3LineClient second = server.pop3()) {
            first.login(USER, PASSWORD);
            assertThat(second.login(USER, "wrong")).isEqualTo("-ERR [AUTH] Authentication failed.");
            assertThat(first.command("QUIT")).startsWith("+OK");
        }
    }

    /** Logs in once the server has noticed the previous connection's end (it may take a moment). */
    private static String loginWithin(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Pop3LineClient pop = server.pop3()) {
                String reply = pop.login(USER, PASSWORD);
                if (!reply.contains("[IN-USE]") || System.nanoTime() > deadline) {
                    pop.command("QUIT");
                    return reply;
                }
            }
            Thread.sleep(50);
        }
    }
}
