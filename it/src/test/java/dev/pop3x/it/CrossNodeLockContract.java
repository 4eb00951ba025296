package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a maildrop lock across James nodes must do, whatever holds it (a lease file in a shared Maildir, a row in
 * Cassandra): one node's session keeps the other node's logins out until its QUIT, of two logins at once on two
 * nodes exactly one gets in, and a node killed with SIGKILL while it holds a maildrop lets it go once its lease ends.
 */
interface CrossNodeLockContract {
    String PASSWORD = "secret";
    /** The lease every node of these tests takes ({@code lock.maildir-lease}, {@code lock.cassandra-lease}). */
    String LEASE = "6s";

    RunningJames nodeOne();

    RunningJames nodeTwo();

    /** The domain of the users of these tests, which both nodes serve. */
    String domain();

    /** A user both nodes know, with {@link #PASSWORD}. */
    default String userOnBothNodes(String name) {
        String user = name + "@" + domain();
        nodeOne().addUser(user, PASSWORD);
        nodeTwo().addUser(user, PASSWORD);
        return user;
    }

    /** What a third node, in a JVM of its own, needs in its home to share the maildrops and their lock with {@link #LEASE}. */
    Consumer<JamesHome> nodeInItsOwnJvm();

    /** What holds the user's maildrop as the lock records it (the lease file's or the lease row's owner), if anything. */
    Optional<String> leaseHolder(String user);

    @Test
    default void whileOneNodeHoldsTheMaildropTheOtherAnswersInUseAndGetsItAfterTheQuit() {
        String user = userOnBothNodes("held");
        try (Pop3LineClient a = nodeOne().pop3(); Pop3LineClient b = nodeTwo().pop3()) {
            assertThat(a.login(user, PASSWORD)).startsWith("+OK");

            assertThat(b.login(user, PASSWORD)).isEqualTo("-ERR [IN-USE] Mailbox is locked by another POP3 session.");

            assertThat(a.command("QUIT")).startsWith("+OK");
        }
        try (Pop3LineClient b = nodeTwo().pop3()) {
            assertThat(b.login(user, PASSWORD)).startsWith("+OK");
            assertThat(b.command("QUIT")).startsWith("+OK");
        }
    }

    @Test
    default void twoLoginsOnTwoNodesAtOnceLetExactlyOneIn() {
        String user = userOnBothNodes("race");
        try (Pop3LineClient a = nodeOne().pop3(); Pop3LineClient b = nodeTwo().pop3()) {
            assertThat(a.command("USER " + user)).startsWith("+OK");
            assertThat(b.command("USER " + user)).startsWith("+OK");
            a.send("PASS " + PASSWORD);
            b.send("PASS " + PASSWORD);

            List<String> replies = List.of(a.readLine(), b.readLine());

            assertThat(replies).filteredOn(reply -> reply.startsWith("+OK")).hasSize(1);
            assertThat(replies).filteredOn(reply -> reply.startsWith("-ERR [IN-USE]")).hasSize(1);
        }
    }

    @Test
    default void aNodeKilledWhileHoldingTheMaildropFreesItForTheOthersOnceItsLeaseEnds(@TempDir Path home) throws Exception {
        String user = userOnBothNodes("crash");
        try (DroppedInJames crashing = DroppedInJames.start(home, List.of("-Xmx512m"), nodeInItsOwnJvm())) {
            crashing.addDomain(domain()).addUser(user, PASSWORD);
            Pop3LineClient held = Pop3LineClient.connect(crashing.ports().pop3());
            assertThat(held.login(user, PASSWORD)).startsWith("+OK");
            try (Pop3LineClient b = nodeTwo().pop3()) {
                assertThat(b.login(user, PASSWORD)).isEqualTo("-ERR [IN-USE] Mailbox is locked by another POP3 session.");
            }

            crashing.kill();
            long killedAt = System.nanoTime();

            Eventually.until(Duration.ofSeconds(60), "a login on the other node after the lease", () -> {
                try (Pop3LineClient b = nodeTwo().pop3()) {
                    return b.login(user, PASSWORD).startsWith("+OK") && b.command("QUIT").startsWith("+OK");
                }
            });
            System.out.printf("%s: logged in on the other node %.1f s after the SIGKILL (lease %s)%n",
                getClass().getSimpleName(), (System.nanoTime() - killedAt) / 1e9, LEASE);
            held.abort();
        }
        assertThat(leaseHolder(user)).isEmpty();
    }
}
