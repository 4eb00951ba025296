package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The maildrop lock (RFC 1939 section 8): while a session holds a maildrop, a login of the same user waits
 * {@code lock.wait} (3 s here) for it to be released, then gets {@code -ERR [IN-USE]}; a QUIT (right after its reply,
 * before the connection closes) or a dropped connection releases it, so a client that reconnects straight away logs
 * in. Strict RFC behaviour here: {@code lock.takeover-after=off} ({@link LockTakeOverIT} has the take-over), and an
 * idle timeout of 8 s (James closes an idle connection 8 to 16 s after its last line).
 */
class MaildropLockIT {
    private static final String USER = "locked@pop3x.local";
    private static final String OTHER = "other@pop3x.local";
    private static final String PASSWORD = "secret";
    private static final Duration LOCK_WAIT = Duration.ofSeconds(3);

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass(home -> home
        .edit("pop3xserver.xml", xml -> xml.replace("<connectiontimeout>600</connectiontimeout>", "<connectiontimeout>8</connectiontimeout>"))
        .edit("pop3x.properties", properties -> properties
            .replace("lock.wait=1s", "lock.wait=3s")
            .replace("lock.takeover-after=30s", "lock.takeover-after=off")));

    private static RunningJames server;

    @BeforeAll
    static void users() {
        server = new RunningJames(james.getGuiceJamesServer()).addUser(USER, PASSWORD).addUser(OTHER, PASSWORD);
        server.deliver(USER, Messages.text("a@example.test", USER, "one", "hello\n"));
    }

    @Test
    void aSecondSessionOfTheUserGetsInUseAfterTheWaitAndTheFirstGoesOn() {
        try (Pop3LineClient first = server.pop3(); Pop3LineClient second = server.pop3()) {
            assertThat(first.login(USER, PASSWORD)).isEqualTo("+OK Welcome " + USER);
            long start = System.nanoTime();
            assertThat(second.login(USER, PASSWORD)).isEqualTo("-ERR [IN-USE] Mailbox is locked by another POP3 session.");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(LOCK_WAIT, LOCK_WAIT.plusSeconds(3));
            assertThat(first.command("STAT")).startsWith("+OK 1 ");
            assertThat(second.login(OTHER, PASSWORD)).isEqualTo("+OK Welcome " + OTHER);
            first.command("QUIT");
        }
    }

    @Test
    void aLoginWaitingForTheLockGetsItWhenTheHolderQuits() {
        try (Pop3LineClient first = server.pop3(); Pop3LineClient second = server.pop3()) {
            first.login(USER, PASSWORD);
            second.command("USER " + USER);
            second.send("PASS " + PASSWORD);
            assertThat(first.command("QUIT")).startsWith("+OK");
            assertThat(second.readLine()).isEqualTo("+OK Welcome " + USER);
            second.command("QUIT");
        }
    }

    /**
     * QUIT answers, then releases the lock, then the server closes the connection: a client that waits for the close
     * (every other cycle: {@link Pop3LineClient#command} does) and one that closes its side as soon as it has read the
     * {@code +OK} and logs in again at once (the others: its login waits for the release) both get the maildrop.
     */
    @Test
    void aLoginRightAfterQuitGetsTheMaildropWhetherTheClientWaitedForTheCloseOrNot() {
        for (int cycle = 0; cycle < 200; cycle++) {
            try (Pop3LineClient pop = server.pop3()) {
                assertThat(pop.login(USER, PASSWORD)).as("cycle %d", cycle).isEqualTo("+OK Welcome " + USER);
                assertThat(pop.command("STAT")).startsWith("+OK 1 ");
                if (cycle % 2 == 0) {
                    assertThat(pop.command("QUIT")).startsWith("+OK");
                } else {
                    pop.send("QUIT");
                    assertThat(pop.readLine()).startsWith("+OK");
                }
            }
        }
    }

    @Test
    void aClientThatDropsItsConnectionAndReconnectsAtOnceLogsIn() {
        List<String> logins = new ArrayList<>();
        for (int cycle = 0; cycle < 200; cycle++) {
            Pop3LineClient pop = server.pop3();
            logins.add(pop.login(USER, PASSWORD));
            assertThat(pop.command("STAT")).startsWith("+OK 1 ");
            if (cycle % 2 == 0) {
                pop.abort();
            } else {
                pop.close();
            }
        }
        assertThat(logins).as("with a reset or a close").containsOnly("+OK Welcome " + USER);
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.login(USER, PASSWORD)).isEqualTo("+OK Welcome " + USER);
            pop.command("QUIT");
        }
    }

    @Test
    void theIdleTimeoutReleasesTheLock() {
        try (Pop3LineClient idle = server.pop3()) {
            idle.login(USER, PASSWORD);
            assertThat(idle.isClosedByServer(Duration.ofSeconds(30))).as("closed by the idle timeout").isTrue();
        }
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.login(USER, PASSWORD)).isEqualTo("+OK Welcome " + USER);
            pop.command("QUIT");
        }
    }

    /**
     * James runs the handlers of many connections on each of its few event loops: a login that waits for the lock
     * must not hold its loop, or every connection on it would wait too. Sixteen connections cover every loop.
     */
    @Test
    void whileALoginWaitsForTheLockEveryOtherSessionIsServed() {
        try (Pop3LineClient holder = server.pop3(); Pop3LineClient waiting = server.pop3()) {
            holder.login(USER, PASSWORD);
            waiting.command("USER " + USER);
            waiting.send("PASS " + PASSWORD);
            List<Pop3LineClient> others = new ArrayList<>();
            try {
                for (int i = 0; i < 16; i++) {
                    others.add(server.pop3());
                }
                for (Pop3LineClient other : others) {
                    long start = System.nanoTime();
                    assertThat(other.command("NOOP")).isEqualTo("-ERR Command not valid before login");
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
                }
            } finally {
                others.forEach(Pop3LineClient::close);
            }
            holder.command("QUIT");
            assertThat(waiting.readLine()).isEqualTo("+OK Welcome " + USER);
            waiting.command("QUIT");
        }
    }

    @Test
    void aFailedPasswordDoesNotTouchTheLock() {
        try (Pop3LineClient first = server.pop3(); Pop3LineClient second = server.pop3()) {
            first.login(USER, PASSWORD);
            assertThat(second.login(USER, "wrong")).isEqualTo("-ERR [AUTH] Authentication failed.");
            assertThat(first.command("QUIT")).startsWith("+OK");
        }
    }

    @Test
    void anIdleHolderIsNotTakenOverWhenTakeOverIsOff() {
        try (Pop3LineClient first = server.pop3(); Pop3LineClient second = server.pop3()) {
            first.login(USER, PASSWORD);
            assertThat(second.login(USER, PASSWORD)).isEqualTo("-ERR [IN-USE] Mailbox is locked by another POP3 session.");
            assertThat(first.command("STAT")).startsWith("+OK 1 ");
            first.command("QUIT");
        }
    }
}
