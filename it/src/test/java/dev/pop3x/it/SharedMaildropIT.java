package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A maildrop that the sessions of several devices share at once (docs/devices.md, "One lock model"): what they change
 * together (the messages hidden from POP3, whether every device has deleted a message, the count of devices) is read,
 * changed and written under the user's short notes lock, so that sessions ending at the same instant lose nothing and
 * expunge nothing early. Each race below is run many times: without the lock, the rounds fail within a few.
 */
class SharedMaildropIT {
    private static final String PASSWORD = "secret";
    private static final String DOMAIN = "shared.pop3x.local";
    private static final String HIDER = "hider@" + DOMAIN;
    private static final String PRESSED = "erin@" + DOMAIN;
    private static final int ROUNDS = 100;

    @RegisterExtension
    // without the brute-force brake, which spaces checks of one user made at once (ten devices logging in together)
    static JamesServerExtension james = JamesServers.pop3xPerClass(JamesServers.withoutBrake().andThen(home -> home.edit("pop3x.properties",
        properties -> properties
            + "devices.enabled[" + DOMAIN + "]=true\n"
            + "dele.action[" + HIDER + "]=hide\n"
            + "quota.high[" + PRESSED + "]=50\n"
            + "quota.low[" + PRESSED + "]=0\n")));

    private static RunningJames server;

    @BeforeAll
    static void server() {
        server = new RunningJames(james.getGuiceJamesServer());
    }

    private static String onDevice(String user, String device) {
        return user.replace("@", "+" + device + "@");
    }

    private static void append(String user, String subject) {
        server.appendToInbox(user, "From: sender@pop3x.local\r\nTo: " + user + "\r\nSubject: " + subject + "\r\n\r\nBody.\r\n", Instant.now());
    }

    /** Logs in on a device and DELEs the messages whose numbers are given, then QUITs. */
    private static void delete(String login, int... numbers) {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.login(login, PASSWORD)).startsWith("+OK");
            for (int number : numbers) {
                assertThat(pop.command("DELE " + number)).startsWith("+OK");
            }
            assertThat(pop.command("QUIT")).startsWith("+OK");
        }
    }

    private static String stat(String login) {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.login(login, PASSWORD)).startsWith("+OK");
            String stat = pop.command("STAT");
            assertThat(pop.command("QUIT")).startsWith("+OK");
            return stat;
        }
    }

    /** Both sessions logged in and their DELEs sent; the QUITs go out together, then both replies are read. */
    private static void quitTogether(Pop3LineClient first, Pop3LineClient second) {
        first.send("QUIT");
        second.send("QUIT");
        assertThat(first.readLine()).startsWith("+OK");
        assertThat(second.readLine()).startsWith("+OK");
    }

    @Test
    void twoDevicesHidingAtOnceLoseNoHide() {
        server.addUser(HIDER, PASSWORD);
        stat(onDevice(HIDER, "phone"));
        stat(onDevice(HIDER, "laptop"));
        for (int round = 1; round <= ROUNDS; round++) {
            append(HIDER, "a" + round);
            append(HIDER, "b" + round);
            // the phone deletes a, the laptop b: each is still listed on the other device
            delete(onDevice(HIDER, "phone"), 1);
            delete(onDevice(HIDER, "laptop"), 2);
            try (Pop3LineClient phone = server.pop3(); Pop3LineClient laptop = server.pop3()) {
                assertThat(phone.login(onDevice(HIDER, "phone"), PASSWORD)).startsWith("+OK");
                assertThat(laptop.login(onDevice(HIDER, "laptop"), PASSWORD)).startsWith("+OK");
                assertThat(phone.command("STAT")).as("round %d", round).startsWith("+OK 1 ");
                assertThat(laptop.command("STAT")).as("round %d", round).startsWith("+OK 1 ");
                assertThat(phone.command("DELE 1")).startsWith("+OK");
                assertThat(laptop.command("DELE 1")).startsWith("+OK");

                // both messages are now deleted on every device: each QUIT hides one
                quitTogether(phone, laptop);
            }
            assertThat(stat(HIDER)).as("POP3 without a device after round %d", round).isEqualTo("+OK 0 0");
        }
        assertThat(server.messageCount(HIDER)).isEqualTo(2L * ROUNDS);
    }

    @Test
    void twoDevicesDeletingAtOnceExpungeOnlyWhatBothDeleted() {
        String bob = "bob@" + DOMAIN;
        server.addUser(bob, PASSWORD);
        stat(onDevice(bob, "phone"));
        stat(onDevice(bob, "laptop"));
        for (int round = 1; round <= ROUNDS; round++) {
            append(bob, "both " + round);
            append(bob, "phone only " + round);
            try (Pop3LineClient phone = server.pop3(); Pop3LineClient laptop = server.pop3()) {
                assertThat(phone.login(onDevice(bob, "phone"), PASSWORD)).startsWith("+OK");
                assertThat(laptop.login(onDevice(bob, "laptop"), PASSWORD)).startsWith("+OK");
                assertThat(phone.command("DELE 1")).startsWith("+OK");
                assertThat(phone.command("DELE 2")).startsWith("+OK");
                assertThat(laptop.command("DELE 1")).startsWith("+OK");

                quitTogether(phone, laptop);
            }
            // the first is deleted everywhere, the second still listed on the laptop
            assertThat(server.messageCount(bob)).as("messages stored after round %d", round).isEqualTo(1);
            assertThat(stat(onDevice(bob, "phone"))).isEqualTo("+OK 0 0");
            delete(onDevice(bob, "laptop"), 1);
            assertThat(server.messageCount(bob)).as("messages stored once the laptop deleted the rest, round %d", round).isZero();
        }
    }

    @Test
    void tenNewDevicesLoggingInAtOnceNeverExceedDevicesMax() {
        for (int user = 1; user <= 10; user++) {
            String carol = "carol" + user + "@" + DOMAIN;
            server.addUser(carol, PASSWORD);
            List<Pop3LineClient> devices = new ArrayList<>();
            try {
                for (int device = 1; device <= 10; device++) {
                    Pop3LineClient pop = server.pop3();
                    devices.add(pop);
                    assertThat(pop.command("USER " + onDevice(carol, "device" + device))).startsWith("+OK");
                }
                devices.forEach(pop -> pop.send("PASS " + PASSWORD));
                long welcomed = devices.stream().map(Pop3LineClient::readLine).filter(reply -> reply.startsWith("+OK")).count();

                JsonNode registered = new WebAdmin(server.webAdminPort()).get("/pop3x/devices/users/" + carol).body();
                assertThat(registered.size()).as("devices of %s", carol).isEqualTo(5);
                assertThat(welcomed).as("logins of %s", carol).isEqualTo(5);
            } finally {
                devices.forEach(Pop3LineClient::close);
            }
        }
    }

    @Test
    void theDeletionPolicyRunAndAnImportWaitForADeviceSessionAndEachMessageIsExpungedOnce() {
        server.addUser(PRESSED, PASSWORD).setQuota(PRESSED, 10_000_000, 3);
        stat(onDevice(PRESSED, "phone"));
        stat(onDevice(PRESSED, "laptop"));
        for (int i = 1; i <= 3; i++) {
            append(PRESSED, "mail " + i);
        }
        // retrieved on the phone, whose connection drops: no UPDATE state, so no policy run at its QUIT
        try (Pop3LineClient phone = server.pop3()) {
            assertThat(phone.login(onDevice(PRESSED, "phone"), PASSWORD)).startsWith("+OK");
            for (int i = 1; i <= 3; i++) {
                assertThat(phone.multiline("RETR " + i).get(0)).startsWith("+OK");
            }
            phone.abort();
        }
        WebAdmin webAdmin = new WebAdmin(server.webAdminPort());
        try (LogCapture audit = LogCapture.of("dev.pop3x.policy.Audit"); Pop3LineClient laptop = server.pop3()) {
            assertThat(laptop.login(onDevice(PRESSED, "laptop"), PASSWORD)).startsWith("+OK");
            List<String> listed = laptop.multiline("UIDL");

            JsonNode policy = webAdmin.runTask("/pop3x/policy/users/" + PRESSED + "?task=run").get("additionalInformation");
            JsonNode imported = webAdmin.runTask("/pop3x/uidls/users/" + PRESSED + "?task=import",
                "{\"messages\": [{\"uidl\": \"old-1\", \"messageId\": \"<old-1@x>\", \"octets\": 10}]}").get("additionalInformation");

            assertThat(policy.get("busy").asLong()).isEqualTo(1);
            assertThat(policy.get("expungedMessages").asLong()).isZero();
            assertThat(imported.get("failure").asText()).contains("is in use");
            for (int i = 1; i <= 3; i++) {
                assertThat(laptop.multiline("RETR " + i).get(0)).as("message %d, still listed on the laptop", i).startsWith("+OK");
            }
            assertThat(laptop.multiline("UIDL")).isEqualTo(listed);
            assertThat(audit.lines()).isEmpty();

            // retrieved, at 3 of 3 messages (quota.high 50 %, quota.low 0 %): the laptop's QUIT expunges them
            assertThat(laptop.command("QUIT")).startsWith("+OK");
            assertThat(server.messageCount(PRESSED)).isZero();
            assertThat(webAdmin.runTask("/pop3x/policy/users/" + PRESSED + "?task=run").get("additionalInformation").get("done").asLong())
                .isEqualTo(1);
            assertThat(audit.lines()).hasSize(3).allMatch(line -> line.contains("trigger=QUIT"));
        }
    }
}
