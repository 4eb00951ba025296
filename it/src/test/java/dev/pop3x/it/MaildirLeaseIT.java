package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lock.maildir-lease}: James nodes serving one Maildir tree lock each maildrop across the nodes, with a lease
 * file in the maildir. Two nodes in this JVM, and for a crash a third in a JVM of its own, killed with SIGKILL.
 */
class MaildirLeaseIT implements CrossNodeLockContract {
    private static final String DOMAIN = "maildir.pop3x.local";
    private static final Path ROOT = TempDirectories.create("pop3x-leased-maildirs");
    private static final Consumer<JamesHome> SHARED = JamesServers.maildirsIn(ROOT).andThen(JamesServers.maildirLease("6s"));

    @RegisterExtension
    static JamesServerExtension first = JamesServers.pop3xPerClass(SHARED);

    @RegisterExtension
    static JamesServerExtension second = JamesServers.pop3xPerClass(SHARED.andThen(JamesServers.secondServer()));

    private static RunningJames one;
    private static RunningJames two;

    @BeforeAll
    static void nodes() {
        one = new RunningJames(first.getGuiceJamesServer());
        two = new RunningJames(second.getGuiceJamesServer());
    }

    @Override
    public RunningJames nodeOne() {
        return one;
    }

    @Override
    public RunningJames nodeTwo() {
        return two;
    }

    @Override
    public String userOnBothNodes(String name) {
        String user = name + "@" + DOMAIN;
        one.addUser(user, PASSWORD);
        two.addUser(user, PASSWORD);
        return user;
    }

    @Test
    void theLeaseFileNamesTheHoldingNodeAndGoesWithTheSession() {
        String user = userOnBothNodes("file");
        Path lease = ROOT.resolve(DOMAIN).resolve("file").resolve("Maildir").resolve("pop3x-lock");
        try (Pop3LineClient a = one.pop3()) {
            assertThat(a.login(user, PASSWORD)).startsWith("+OK");

            assertThat(lease).exists();
            assertThat(lease).content().contains(ProcessHandle.current().pid() + "@");

            assertThat(a.command("QUIT")).startsWith("+OK");
        }
        assertThat(lease).doesNotExist();
    }

    @Test
    void aSessionWhoseLeaseAnotherNodeBrokeExpungesNothingAtQuit() throws Exception {
        String user = userOnBothNodes("lost");
        one.smtp().deliver("sender@example.test", user, Messages.text("sender@example.test", user, "kept", "x\n"));
        Eventually.until(Duration.ofSeconds(30), "the delivery", () -> {
            try (Pop3LineClient pop = two.pop3()) {
                boolean delivered = pop.login(user, PASSWORD).startsWith("+OK") && pop.command("STAT").startsWith("+OK 1 ");
                // QUIT lets the maildrop go before its reply: the next login, on the other node, finds it free
                pop.command("QUIT");
                return delivered;
            }
        });
        Path lease = ROOT.resolve(DOMAIN).resolve("lost").resolve("Maildir").resolve("pop3x-lock");
        try (Pop3LineClient a = one.pop3()) {
            assertThat(a.login(user, PASSWORD)).startsWith("+OK");
            assertThat(a.command("DELE 1")).startsWith("+OK");

            // what a node that judged this one dead leaves: its own lease in place of this session's
            Files.writeString(lease, "9999@elsewhere 77b0d213 5f0e2a9c-0000-4000-8000-000000000000\n");

            assertThat(a.command("QUIT")).isEqualTo("-ERR [IN-USE] Some deleted messages were not removed");
        }
        assertThat(lease).content().startsWith("9999@elsewhere");
        Files.delete(lease);
        try (Pop3LineClient pop = two.pop3()) {
            assertThat(pop.login(user, PASSWORD)).startsWith("+OK");
            assertThat(pop.command("STAT")).startsWith("+OK 1 ");
            pop.command("QUIT");
        }
    }

    @Test
    void aNodeKilledWhileHoldingTheMaildropFreesItForTheOthersOnceItsLeaseEnds(@TempDir Path home) throws Exception {
        String user = userOnBothNodes("crash");
        try (DroppedInJames crashing = DroppedInJames.start(home, List.of("-Xmx512m"), SHARED)) {
            crashing.addDomain(DOMAIN).addUser(user, PASSWORD);
            Pop3LineClient held = Pop3LineClient.connect(crashing.ports().pop3());
            assertThat(held.login(user, PASSWORD)).startsWith("+OK");
            try (Pop3LineClient b = two.pop3()) {
                assertThat(b.login(user, PASSWORD)).isEqualTo("-ERR [IN-USE] Mailbox is locked by another POP3 session.");
            }

            crashing.kill();
            long killedAt = System.nanoTime();

            Eventually.until(Duration.ofSeconds(60), "a login on the other node after the lease", () -> {
                try (Pop3LineClient b = two.pop3()) {
                    return b.login(user, PASSWORD).startsWith("+OK") && b.command("QUIT").startsWith("+OK");
                }
            });
            System.out.printf("MaildirLeaseIT: logged in on the other node %.1f s after the SIGKILL (lease 6 s)%n",
                (System.nanoTime() - killedAt) / 1e9);
            held.abort();
        }
        assertThat(Files.exists(ROOT.resolve(DOMAIN).resolve("crash").resolve("Maildir").resolve("pop3x-lock"))).isFalse();
    }
}
