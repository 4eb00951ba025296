package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code maildir} backend and the ToMaildir mailet, as conf/ sets them up: mail for
 * {@code maildir.pop3x.local} is delivered over SMTP into Maildir++ directories under the James home, and POP3
 * serves it from there, with the base file names as UIDLs and the {@code ,W=} sizes as octets.
 */
class MaildirIT {
    private static final String DOMAIN = "maildir.pop3x.local";
    private static final String PASSWORD = "secret";

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass();

    private static RunningJames server;
    private static Path maildirRoot;

    @BeforeAll
    static void server() {
        server = new RunningJames(james.getGuiceJamesServer());
        maildirRoot = server.workingDirectory().resolve("var/maildir").resolve(DOMAIN);
    }

    private static String user(String name) {
        String user = name + "@" + DOMAIN;
        server.addUser(user, PASSWORD);
        return user;
    }

    private static Path maildir(String user) {
        return maildirRoot.resolve(user.substring(0, user.indexOf('@'))).resolve("Maildir");
    }

    /** Delivers over SMTP and waits for the file in new/. */
    private static Path deliver(String user, String subject, String body) throws Exception {
        Path newFolder = maildir(user).resolve("new");
        long before = count(newFolder);
        server.smtp().deliver("sender@example.test", user, Messages.text("sender@example.test", user, subject, body));
        Eventually.until(Duration.ofSeconds(30), "delivery of " + subject + " to " + user, () -> count(newFolder) > before);
        try (Stream<Path> files = Files.list(newFolder)) {
            return files.max(Comparator.comparing(path -> path.getFileName().toString())).orElseThrow();
        }
    }

    private static long count(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    /** The bytes of a RETR reply's message, before byte-stuffing: what LIST must count. */
    private static long unstuffedOctets(List<String> retr) {
        return retr.subList(1, retr.size() - 1).stream()
            .mapToLong(line -> (line.startsWith("..") ? line.substring(1) : line).getBytes(StandardCharsets.UTF_8).length + 2)
            .sum();
    }

    @Test
    void theMailetDeliversIntoNewWithSizesInTheNameAndLfLineEnds() throws Exception {
        String user = user("delivered");
        Path file = deliver(user, "into the maildir", "first line\nsecond line\n");
        String name = file.getFileName().toString();
        byte[] content = Files.readAllBytes(file);
        String text = new String(content, StandardCharsets.UTF_8);

        assertThat(name).matches("\\d+\\.M\\d+P\\d+Q\\d+R[0-9a-f]+\\..+,S=\\d+,W=\\d+");
        assertThat(name).contains(",S=" + content.length + ",W=" + (content.length + text.chars().filter(c -> c == '\n').count()));
        assertThat(text).startsWith("Return-Path: <sender@example.test>\n").contains("Delivered-To: " + user + "\n")
            .contains("Subject: into the maildir\n").doesNotContain("\r");
        assertThat(names(maildir(user).resolve("tmp"))).isEmpty();
    }

    @Test
    void pop3ListsTheBaseNameAsUidlAndTheCrlfSizeAsOctetsAndRetrSendsExactlyThat() throws Exception {
        String user = user("listed");
        Path file = deliver(user, "listed", "hello\n.dotted line\n");
        String base = file.getFileName().toString();
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            String octets = base.substring(base.indexOf(",W=") + 3);
            assertThat(pop.command("STAT")).isEqualTo("+OK 1 " + octets);
            assertThat(pop.multiline("UIDL")).containsExactly("+OK unique-id listing follows", "1 " + base, ".");
            List<String> retr = pop.multiline("RETR 1");
            assertThat(retr).contains("Subject: listed", "..dotted line");
            assertThat(unstuffedOctets(retr)).isEqualTo(Long.parseLong(octets));
        }
    }

    @Test
    void retrFlagsTheMessageSeenTheWayDovecotReadsIt() throws Exception {
        String user = user("seen");
        Path file = deliver(user, "seen", "hello\n");
        String base = file.getFileName().toString();
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            pop.multiline("TOP 1 0");
            assertThat(names(maildir(user).resolve("new"))).containsExactly(base);
            pop.multiline("RETR 1");
            assertThat(pop.multiline("RETR 1")).contains("Subject: seen");
            assertThat(pop.command("UIDL 1")).isEqualTo("+OK 1 " + base);
            pop.command("QUIT");
        }
        // flags are written once per session, at its end, as Dovecot does
        assertThat(names(maildir(user).resolve("new"))).isEmpty();
        assertThat(names(maildir(user).resolve("cur"))).containsExactly(base + ":2,S");
        assertThat(Files.readString(maildir(user).resolve("pop3x-retrieved"))).matches(Pattern.quote(base) + " \\d+\n");
    }

    @Test
    void aDroppedConnectionStillRecordsWhatWasRetrieved() throws Exception {
        String user = user("dropped");
        String base = deliver(user, "dropped", "hello\n").getFileName().toString();
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            pop.multiline("RETR 1");
            pop.abort();
        }
        try (Pop3LineClient again = server.pop3()) {
            // the login waits for the dropped session to end, which records what it retrieved
            assertThat(again.login(user, PASSWORD)).startsWith("+OK");
            again.command("QUIT");
        }
        assertThat(names(maildir(user).resolve("cur"))).containsExactly(base + ":2,S");
        assertThat(Files.readString(maildir(user).resolve("pop3x-retrieved"))).startsWith(base + " ");
    }

    @Test
    void deleAndQuitRemoveTheFilesAndUpdateMaildirsize() throws Exception {
        String user = user("deleted");
        Files.createDirectories(maildir(user));
        Files.writeString(maildir(user).resolve("maildirsize"), "1000000S,100C\n");
        Path first = deliver(user, "first", "one\n");
        deliver(user, "second", "two\n");
        // the delivery counts a message in maildirsize just after it moved it into new/
        Eventually.until(Duration.ofSeconds(30), "both deliveries counted in maildirsize",
            () -> Files.readAllLines(maildir(user).resolve("maildirsize")).size() == 3);
        long firstSize = Files.size(first);
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            pop.command("DELE 1");
            assertThat(pop.command("QUIT")).isEqualTo("+OK Apache James POP3 Server signing off.");
        }
        assertThat(Files.exists(first)).isFalse();
        assertThat(count(maildir(user).resolve("new"))).isEqualTo(1);
        assertThat(Files.readAllLines(maildir(user).resolve("maildirsize"))).last().isEqualTo("-" + firstSize + " -1");
    }

    @Test
    void filesOtherProgramsWroteWithBareLfAndNoSizesAreListedExactlyAndMeasuredOnce() throws Exception {
        String user = user("postfix");
        Path cur = Files.createDirectories(maildir(user).resolve("cur"));
        Files.createDirectories(maildir(user).resolve("new"));
        Files.createDirectories(maildir(user).resolve("tmp"));
        String content = "From: someone@example.test\nSubject: written by postfix\n\nbody\n.\nend\n";
        Files.writeString(cur.resolve("1700000000.V801I1M2.mx:2,"), content);
        long crlfOctets = content.length() + content.chars().filter(c -> c == '\n').count();
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            assertThat(pop.command("LIST 1")).isEqualTo("+OK 1 " + crlfOctets);
            assertThat(pop.command("UIDL 1")).isEqualTo("+OK 1 1700000000.V801I1M2.mx");
            List<String> retr = pop.multiline("RETR 1");
            assertThat(retr).containsSubsequence("Subject: written by postfix", "", "body", "..", "end", ".");
            assertThat(unstuffedOctets(retr)).isEqualTo(crlfOctets);
        }
        assertThat(Files.readString(maildir(user).resolve("pop3x-vsizes"))).isEqualTo("1700000000.V801I1M2.mx " + crlfOctets + "\n");
    }

    @Test
    void strayFilesAreSkippedAndLogged() throws Exception {
        String user = user("stray");
        Path file = deliver(user, "real", "hello\n");
        Files.writeString(maildir(user).resolve("new/.hidden"), "not a message");
        Files.createDirectory(maildir(user).resolve("cur/a-directory"));
        Files.writeString(maildir(user).resolve("cur/bad:name"), "not a maildir name");
        try (LogCapture log = LogCapture.of("dev.pop3x.maildrop.maildir.Maildir"); Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            assertThat(pop.multiline("UIDL")).containsExactly("+OK unique-id listing follows", "1 " + file.getFileName(), ".");
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("a-directory: not a regular file"))
                .anySatisfy(line -> assertThat(line).contains("bad:name: not a Maildir message name"));
        }
    }

    @Test
    void aFileDeletedBehindTheSessionsBackIsSysTempAndNothingElseBreaks() throws Exception {
        String user = user("vanishing");
        Path first = deliver(user, "first", "one\n");
        deliver(user, "second", "two\n");
        try (Pop3LineClient pop = server.pop3()) {
            // retrieved once, so that the next login reads neither ahead (it would send what it read)
            pop.login(user, PASSWORD);
            pop.multiline("RETR 1");
            pop.multiline("RETR 2");
            pop.command("QUIT");
        }
        first = maildir(user).resolve("cur").resolve(first.getFileName() + ":2,S");
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            Files.delete(first);
            assertThat(pop.command("RETR 1")).isEqualTo("-ERR [SYS/TEMP] Message (1) cannot be read now; try again later.");
            assertThat(pop.multiline("RETR 2")).contains("Subject: second");
            pop.command("DELE 1");
            assertThat(pop.command("QUIT")).isEqualTo("+OK Apache James POP3 Server signing off.");
        }
        assertThat(count(maildir(user).resolve("new")) + count(maildir(user).resolve("cur"))).isEqualTo(1);
    }

    @Test
    void mailDeliveredDuringASessionIsKeptAndShownAtTheNextLogin() throws Exception {
        String user = user("concurrent");
        Path first = deliver(user, "before", "one\n");
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            deliver(user, "during", "two\n");
            assertThat(pop.command("STAT")).startsWith("+OK 1 ");
            pop.command("DELE 1");
            pop.command("QUIT");
        }
        assertThat(Files.exists(first)).isFalse();
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            assertThat(pop.multiline("RETR 1")).contains("Subject: during");
        }
    }

    @Test
    void aUserWhoseMaildirIsALinkOutOfTheRootCannotLogIn() throws Exception {
        String user = user("linked");
        Path outside = Files.createTempDirectory("outside-the-maildir-root");
        Files.createDirectories(maildir(user).getParent().getParent());
        Files.createSymbolicLink(maildir(user).getParent(), outside);
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.login(user, PASSWORD)).isEqualTo("-ERR [AUTH] Authentication failed.");
        }
        assertThat(names(outside)).isEmpty();
    }

    @Test
    void aUserNameThatWouldBeAHiddenDirectoryCannotLogIn() {
        String user = user(".hidden");
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.login(user, PASSWORD)).isEqualTo("-ERR [AUTH] Authentication failed.");
        }
    }
}
