package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * POP3 from several devices, and DELE that only hides, through a real James over TCP: {@code bob+phone@domain} is
 * bob on his phone, with a view of his maildrop of its own; a message leaves the maildrop once every device that
 * counts has deleted it; a device added later sees the mail that arrives after it. With {@code dele.action=hide},
 * DELE+QUIT takes a message out of POP3 only: JMAP still shows it.
 */
class DevicesIT {
    private static final String PASSWORD = "secret";
    private static final String DEVICES_DOMAIN = "devices.pop3x.local";
    private static final String ON_MAILDIR = "carol@maildir.pop3x.local";
    private static final String HIDER = "hider@pop3x.local";
    private static final String PRESSED_HIDER = "pressed-hider@pop3x.local";

    @RegisterExtension
    static JamesServerExtension james = JamesServers.withJmap(home -> home.edit("pop3x.properties", properties -> properties
            .replace("policy.sweep-interval=1h", "policy.sweep-interval=0s")
            + "devices.enabled[" + DEVICES_DOMAIN + "]=true\n"
            + "devices.max[" + DEVICES_DOMAIN + "]=3\n"
            + "devices.enabled[" + ON_MAILDIR + "]=true\n"
            + "devices.history-days[kim@" + DEVICES_DOMAIN + "]=7\n"
            + "dele.action[" + HIDER + "]=hide\n"
            + "dele.action[" + PRESSED_HIDER + "]=hide\n"
            + "quota.high[" + PRESSED_HIDER + "]=50\n"
            + "quota.low[" + PRESSED_HIDER + "]=0\n"))
        .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
        .build();

    private static RunningJames server;

    @BeforeAll
    static void server() {
        server = new RunningJames(james.getGuiceJamesServer());
    }

    private static String user(String name) {
        String user = name + "@" + DEVICES_DOMAIN;
        server.addUser(user, PASSWORD);
        return user;
    }

    private static String onDevice(String user, String device) {
        return user.replace("@", "+" + device + "@");
    }

    private static void deliver(String user, int count, String prefix) {
        for (int i = 1; i <= count; i++) {
            server.deliver(user, Messages.text("sender@pop3x.local", user, prefix + " " + i, "Body " + i + ".\n"));
        }
    }

    /** Logs in, says STAT, QUITs: the device's first login, or a look at what it lists. */
    private static String stat(String login) {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.login(login, PASSWORD)).startsWith("+OK");
            String stat = pop.command("STAT");
            assertThat(pop.command("QUIT")).startsWith("+OK");
            return stat;
        }
    }

    /** Downloads everything the device lists, and DELEs the first {@code delete} of them; returns the UIDLs listed. */
    private static List<String> download(String login, int delete) {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.login(login, PASSWORD)).startsWith("+OK");
            List<String> uidls = pop.multiline("UIDL").stream().skip(1).filter(line -> !line.equals(".")).collect(Collectors.toList());
            for (int i = 1; i <= uidls.size(); i++) {
                assertThat(pop.multiline("RETR " + i).get(0)).startsWith("+OK");
            }
            for (int i = 1; i <= delete; i++) {
                assertThat(pop.command("DELE " + i)).startsWith("+OK");
            }
            assertThat(pop.command("QUIT")).startsWith("+OK");
            return uidls;
        }
    }

    @Test
    void aMessageLeavesTheMaildropOnceEveryDeviceHasDeletedIt() {
        String bob = user("bob");
        stat(onDevice(bob, "phone"));
        stat(onDevice(bob, "laptop"));
        deliver(bob, 10, "mail");

        List<String> onPhone = download(onDevice(bob, "phone"), 5);
        List<String> onLaptop = download(onDevice(bob, "laptop"), 0);

        assertThat(onPhone).hasSize(10);
        assertThat(onLaptop).isEqualTo(onPhone);
        assertThat(stat(onDevice(bob, "phone"))).startsWith("+OK 5 ");
        assertThat(stat(onDevice(bob, "laptop"))).startsWith("+OK 10 ");
        assertThat(server.messageCount(bob)).isEqualTo(10);

        download(onDevice(bob, "laptop"), 5);

        assertThat(server.messageCount(bob)).isEqualTo(5);
        assertThat(stat(onDevice(bob, "laptop"))).startsWith("+OK 5 ");
        assertThat(stat(bob)).startsWith("+OK 5 ");
    }

    @Test
    void aDeviceAddedLaterSeesOnlyTheMailThatArrivesAfterItsFirstLogin() {
        String dan = user("dan");
        stat(onDevice(dan, "phone"));
        deliver(dan, 3, "before");

        assertThat(stat(onDevice(dan, "tablet"))).startsWith("+OK 0 ");
        deliver(dan, 2, "after");

        assertThat(stat(onDevice(dan, "tablet"))).startsWith("+OK 2 ");
        assertThat(stat(onDevice(dan, "phone"))).startsWith("+OK 5 ");
    }

    @Test
    void saslPlainNamesTheDeviceInItsAuthorizationIdentity() {
        String ivy = user("ivy");
        stat(onDevice(ivy, "phone"));
        stat(onDevice(ivy, "laptop"));
        deliver(ivy, 1, "mail");
        download(onDevice(ivy, "phone"), 1);

        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("AUTH PLAIN " + Sasl.plain(onDevice(ivy, "phone"), ivy, PASSWORD))).isEqualTo("+OK Welcome " + ivy);
            assertThat(pop.command("STAT")).isEqualTo("+OK 0 0");
            pop.command("QUIT");
        }
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("AUTH PLAIN " + Sasl.plain(ivy, PASSWORD))).isEqualTo("+OK Welcome " + ivy);
            assertThat(pop.command("STAT")).startsWith("+OK 1 ");
            pop.command("QUIT");
        }
    }

    @Test
    void withHistoryDaysANewDeviceAlsoSeesTheRecentMail() {
        String kim = user("kim");
        stat(onDevice(kim, "phone"));
        deliver(kim, 2, "recent");

        assertThat(stat(onDevice(kim, "tablet"))).startsWith("+OK 2 ");
    }

    @Test
    void twoDevicesOfOneUserPollAtOnce() {
        String eve = user("eve");
        deliver(eve, 1, "mail");
        try (Pop3LineClient phone = server.pop3(); Pop3LineClient laptop = server.pop3()) {
            assertThat(phone.login(onDevice(eve, "phone"), PASSWORD)).startsWith("+OK");

            assertThat(laptop.login(onDevice(eve, "laptop"), PASSWORD)).startsWith("+OK");

            try (Pop3LineClient samePhone = server.pop3()) {
                assertThat(samePhone.login(onDevice(eve, "phone"), PASSWORD)).isEqualTo("-ERR [IN-USE] Mailbox is locked by another POP3 session.");
            }
            phone.command("QUIT");
            laptop.command("QUIT");
        }
    }

    @Test
    void oneDeviceMoreThanDevicesMaxIsRefusedAndForgettingOneThroughWebAdminMakesRoom() {
        String fay = user("fay");
        stat(onDevice(fay, "one"));
        stat(onDevice(fay, "two"));
        stat(onDevice(fay, "three"));
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.login(onDevice(fay, "four"), PASSWORD))
                .isEqualTo("-ERR [SYS/PERM] This mailbox already has 3 devices; remove one (or ask your administrator) to add another.");
        }
        WebAdmin webAdmin = new WebAdmin(server.webAdminPort());
        JsonNode devices = webAdmin.get("/pop3x/devices/users/" + fay).body();
        assertThat(devices).hasSize(3);
        assertThat(devices.get(0).get("counting").asBoolean()).isTrue();

        assertThat(webAdmin.delete("/pop3x/devices/users/" + fay + "/two").status()).isEqualTo(204);

        assertThat(stat(onDevice(fay, "four"))).startsWith("+OK 0 ");
        assertThat(webAdmin.delete("/pop3x/devices/users/" + fay + "/two").status()).isEqualTo(404);
    }

    @Test
    void aTaggedNameOfAUserWithoutDevicesIsAnUnknownUser() {
        server.addUser("plain@pop3x.local", PASSWORD);
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.login("plain+phone@pop3x.local", PASSWORD)).isEqualTo("-ERR [AUTH] Authentication failed.");
        }
    }

    @Test
    void devicesWorkTheSameOnTheMaildirBackend() throws IOException {
        server.addUser(ON_MAILDIR, PASSWORD);
        stat(onDevice(ON_MAILDIR, "phone"));
        stat(onDevice(ON_MAILDIR, "laptop"));
        server.smtp().deliver("sender@pop3x.local", ON_MAILDIR, Messages.text("sender@pop3x.local", ON_MAILDIR, "one", "x\n"));
        server.smtp().deliver("sender@pop3x.local", ON_MAILDIR, Messages.text("sender@pop3x.local", ON_MAILDIR, "two", "x\n"));
        Eventually.until(Duration.ofSeconds(30), "two messages in the maildir", () -> maildirMessages() == 2);

        download(onDevice(ON_MAILDIR, "phone"), 2);
        assertThat(maildirMessages()).isEqualTo(2);
        assertThat(stat(onDevice(ON_MAILDIR, "laptop"))).startsWith("+OK 2 ");
        download(onDevice(ON_MAILDIR, "laptop"), 1);

        assertThat(maildirMessages()).isEqualTo(1);
        assertThat(stat(onDevice(ON_MAILDIR, "phone"))).startsWith("+OK 0 ");
        assertThat(stat(onDevice(ON_MAILDIR, "laptop"))).startsWith("+OK 1 ");
    }

    private static long maildirMessages() throws IOException {
        Path maildir = server.workingDirectory().resolve("var/maildir/maildir.pop3x.local/carol/Maildir");
        return DirectoryEntries.count(maildir.resolve("new")) + DirectoryEntries.count(maildir.resolve("cur"));
    }

    @Test
    void withDeleActionHideADeletedMessageLeavesPop3AndStaysForJmap() {
        server.addUser(HIDER, PASSWORD);
        deliver(HIDER, 2, "kept for IMAP");
        JmapClient jmap = new JmapClient(server, HIDER, PASSWORD);

        download(HIDER, 1);

        assertThat(stat(HIDER)).startsWith("+OK 1 ");
        assertThat(jmap.emails("subject")).containsExactlyInAnyOrder("kept for IMAP 1", "kept for IMAP 2");
        assertThat(server.messageCount(HIDER)).isEqualTo(2);
    }

    @Test
    void aHiddenMessageStillCountsInTheQuotaAndTheDeletionPolicyRemovesIt() {
        server.addUser(PRESSED_HIDER, PASSWORD).setQuota(PRESSED_HIDER, 10_000_000, 2);
        deliver(PRESSED_HIDER, 2, "mail");

        // both retrieved, the first hidden: at 2 of 2 messages (quota.high 50 %), the policy removes the other
        download(PRESSED_HIDER, 1);
        assertThat(server.messageCount(PRESSED_HIDER)).isEqualTo(1);

        // the hidden one still counts (1 of 2): the next QUIT's policy removes it too
        assertThat(stat(PRESSED_HIDER)).isEqualTo("+OK 0 0");
        assertThat(server.messageCount(PRESSED_HIDER)).isZero();
    }

    @Test
    void mpopOnTwoDeviceTagsDownloadsEachMessageOnBothAndTheMailboxEmptiesAfterBoth(@TempDir Path home) throws Exception {
        String gus = user("gus");
        Mpop phone = new Mpop(home.resolve("phone"), onDevice(gus, "phone"));
        Mpop laptop = new Mpop(home.resolve("laptop"), onDevice(gus, "laptop"));
        phone.poll(server.pop3Port());
        laptop.poll(server.pop3Port());
        deliver(gus, 3, "mail");

        phone.poll(server.pop3Port());
        assertThat(phone.delivered()).isEqualTo(3);
        assertThat(server.messageCount(gus)).isEqualTo(3);
        laptop.poll(server.pop3Port());

        assertThat(laptop.delivered()).isEqualTo(3);
        assertThat(server.messageCount(gus)).isZero();
        deliver(gus, 1, "later");
        phone.poll(server.pop3Port());
        laptop.poll(server.pop3Port());
        assertThat(phone.delivered()).isEqualTo(4);
        assertThat(laptop.delivered()).isEqualTo(4);
        assertThat(server.messageCount(gus)).isZero();
    }

    /** mpop with {@code keep off}: downloads into a Maildir and deletes on the server, as a POP3 client does by default. */
    private static final class Mpop {
        private final Path home;
        private final String login;

        Mpop(Path home, String login) throws IOException {
            this.home = home;
            this.login = login;
            for (String sub : List.of("tmp", "new", "cur")) {
                Files.createDirectories(home.resolve("Maildir").resolve(sub));
            }
        }

        long delivered() throws IOException {
            return DirectoryEntries.count(home.resolve("Maildir").resolve("new"));
        }

        void poll(int port) throws Exception {
            Path config = Files.writeString(home.resolve("mpoprc"), String.join("\n",
                "account device", "host 127.0.0.1", "port " + port, "tls off", "user " + login, "password " + PASSWORD,
                "auth plain", "delivery maildir " + home.resolve("Maildir"), "keep off", "uidls_file " + home.resolve("uidls"), ""));
            Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
            Commands.Result result = Commands.run("mpop", "-C", config.toString(), "-a", "-d");
            assertThat(result.stdout() + result.stderr()).contains("--> QUIT");
        }
    }
}
