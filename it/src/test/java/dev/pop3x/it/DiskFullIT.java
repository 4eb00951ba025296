package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.james.JamesServerExtension;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.utils.MailRepositoryProbeImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Maildirs live on a 1 MB tmpfs that fills up: mail that does not fit goes where James sends what it cannot
 * deliver (a bounce and the error repository) and leaves no debris in tmp/; a session whose DELE and QUIT meet a full
 * disk loses nothing it did not delete. Needs root for the mount, as {@code .ci/run} runs.
 */
class DiskFullIT {
    private static final Path MOUNT = Path.of("target/diskfull-maildirs").toAbsolutePath();
    private static final String DOMAIN = "maildir.pop3x.local";
    private static final String PASSWORD = "secret";
    private static final MailRepositoryUrl ERRORS = MailRepositoryUrl.from("memory://var/mail/error/");

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass(JamesServers.maildirsIn(MOUNT));

    private static RunningJames server;
    private static boolean mounted;

    @BeforeAll
    static void mountATinyFileSystem() throws Exception {
        Files.createDirectories(MOUNT);
        mounted = run("mount", "-t", "tmpfs", "-o", "size=1m", "pop3x-diskfull", MOUNT.toString()) == 0;
        Assumptions.assumeTrue(mounted, "mounting a tmpfs needs root: run the tests as .ci/run does");
        server = new RunningJames(james.getGuiceJamesServer());
    }

    @AfterAll
    static void unmount() throws Exception {
        if (mounted) {
            run("umount", MOUNT.toString());
        }
    }

    @AfterEach
    void removeFiller() throws IOException {
        Files.deleteIfExists(MOUNT.resolve("filler"));
    }

    @Test
    void mailThatDoesNotFitIsBouncedAndKeptAndLeavesNoDebris() throws Exception {
        String user = "full-disk@" + DOMAIN;
        server.addUser(user, PASSWORD);
        long errorsBefore = errorCount();
        int sent = 16;
        for (long number = 1; number <= sent; number++) {
            server.smtp().deliver("sender@example.test", user, NumberedMessages.message("sender@example.test", user, number, 100_000));
        }

        Path maildir = maildirOf(user);
        Eventually.until(Duration.ofSeconds(60), "every mail delivered or in the error repository",
            () -> DirectoryEntries.count(maildir.resolve("new")) + errorCount() - errorsBefore >= sent);
        long delivered = DirectoryEntries.count(maildir.resolve("new"));
        assertThat(delivered).as("delivered before the disk was full").isBetween(1L, sent - 1L);
        assertThat(errorCount() - errorsBefore).as("kept in the error repository").isEqualTo(sent - delivered);
        assertThat(DirectoryEntries.count(maildir.resolve("tmp"))).as("debris in tmp/").isZero();
        try (MaildropClient pop = MaildropClient.connect(server.pop3Port(), Duration.ofSeconds(30))) {
            assertThat(pop.login(user, PASSWORD)).startsWith("+OK");
            assertThat(pop.stat()[0]).isEqualTo(delivered);
            for (int n = 1; n <= delivered; n++) {
                assertThat(NumberedMessages.intact(pop.retr(n))).as("message %s intact", n).isTrue();
            }
            pop.command("QUIT");
        }
    }

    @Test
    void deleAndQuitOnAFullDiskLoseNothingThatWasNotDeleted() throws Exception {
        String user = "expunge@" + DOMAIN;
        server.addUser(user, PASSWORD);
        for (long number = 1; number <= 4; number++) {
            server.smtp().deliver("sender@example.test", user, NumberedMessages.message("sender@example.test", user, number, 20_000));
        }
        awaitFiles(maildirOf(user).resolve("new"), 4);
        fillTheDisk();

        Set<Long> deleted = new HashSet<>();
        String quit;
        try (MaildropClient pop = MaildropClient.connect(server.pop3Port(), Duration.ofSeconds(30))) {
            assertThat(pop.login(user, PASSWORD)).startsWith("+OK");
            for (int n = 1; n <= 4; n++) {
                byte[] message = pop.retr(n);
                assertThat(NumberedMessages.intact(message)).isTrue();
                if (n <= 2) {
                    assertThat(pop.command("DELE " + n)).startsWith("+OK");
                    deleted.add(NumberedMessages.numberOf(message).orElseThrow());
                }
            }
            quit = pop.command("QUIT");
        }
        removeFiller();

        List<Long> present = presentNumbers(user);
        assertThat(present).as("kept messages, after QUIT answered %s", quit).contains(3L, 4L).doesNotHaveDuplicates();
        if (quit.startsWith("+OK")) {
            assertThat(present).as("deleted messages").doesNotContainAnyElementsOf(deleted);
        } else {
            assertThat(quit).startsWith("-ERR [SYS/TEMP]");
        }
    }

    private static List<Long> presentNumbers(String user) {
        List<Long> numbers = new ArrayList<>();
        try (MaildropClient pop = MaildropClient.connect(server.pop3Port(), Duration.ofSeconds(30))) {
            assertThat(pop.login(user, PASSWORD)).startsWith("+OK");
            long count = pop.stat()[0];
            for (int n = 1; n <= count; n++) {
                byte[] message = pop.retr(n);
                assertThat(NumberedMessages.intact(message)).as("message %s intact", n).isTrue();
                Optional<Long> number = NumberedMessages.numberOf(message);
                numbers.add(number.orElseThrow());
            }
            pop.command("QUIT");
        }
        return numbers;
    }

    /** Writes a file until the file system refuses another byte. */
    private static void fillTheDisk() throws IOException {
        try (OutputStream out = Files.newOutputStream(MOUNT.resolve("filler"))) {
            byte[] block = new byte[4096];
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            assertThat(full.getMessage()).containsIgnoringCase("space");
        }
    }

    private static Path maildirOf(String user) {
        return MOUNT.resolve(DOMAIN).resolve(user.substring(0, user.indexOf('@'))).resolve("Maildir");
    }

    private static long errorCount() {
        try {
            return server.server().getProbe(MailRepositoryProbeImpl.class).getRepositoryMailCount(ERRORS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitFiles(Path directory, long expected) throws Exception {
        Eventually.until(Duration.ofSeconds(30), expected + " messages in " + directory, () -> DirectoryEntries.count(directory) >= expected);
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
