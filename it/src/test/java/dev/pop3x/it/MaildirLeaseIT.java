package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code lock.maildir-lease}: James nodes serving one Maildir tree lock each maildrop across the nodes, with a lease
 * file in the maildir. Two nodes in this JVM, and for a crash a third in a JVM of its own, killed with SIGKILL.
 */
class MaildirLeaseIT implements CrossNodeLockContract {
    private static final String DOMAIN = "maildir.pop3x.local";
    private static final Path ROOT = TempDirectories.create("pop3x-leased-maildirs");
    private static final Consumer<JamesHome> SHARED = JamesServers.maildirsIn(ROOT).andThen(JamesServers.maildirLease(LEASE));

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
    public String domain() {
        return DOMAIN;
    }

    @Override
    public Consumer<JamesHome> nodeInItsOwnJvm() {
        return SHARED;
    }

    @Override
    public Optional<String> leaseHolder(String user) {
        Path lease = leaseFile(user);
        try {
            return Files.exists(lease) ? Optional.of(Files.readString(lease).strip()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path leaseFile(String user) {
        return ROOT.resolve(DOMAIN).resolve(user.substring(0, user.indexOf('@'))).resolve("Maildir").resolve("pop3x-lock");
    }

    @Test
    void theLeaseFileNamesTheHoldingNodeAndGoesWithTheSession() {
        String user = userOnBothNodes("file");
        Path lease = leaseFile(user);
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
                // the client waits for the close after QUIT's +OK, and the maildrop is let go before it: the next
                // login, on the other node, finds it free
                pop.command("QUIT");
                return delivered;
            }
        });
        Path lease = leaseFile(user);
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
}
