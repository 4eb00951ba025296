package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.mail.Flags;

import org.apache.james.JamesServerExtension;
import org.apache.james.core.Username;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.modules.MailboxProbeImpl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code james.uidl=message-id}: the unique-ids of James 3.8.1's distributed POP3 ({@code DistributedMailboxAdapter}
 * gives {@code messageId.serialize()}, listed in its {@code pop3metadata} projection's order, {@code messageId ASC}),
 * so that its users' clients download nothing again after pop3x is installed. The expected ids are read through
 * James's JMAP, whose email ids are the same serialised message ids; a message moved into the INBOX keeps its older
 * message id, so it is listed first though its UID is the highest.
 */
class MessageIdUidlIT {
    private static final String PASSWORD = "secret";

    @RegisterExtension
    static JamesServerExtension james = JamesServers.withJmap(home -> home.edit("pop3x.properties",
            properties -> properties.replace("james.uidl=uid\n", "james.uidl=message-id\n")))
        .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
        .build();

    private static RunningJames server;

    @BeforeAll
    static void server() {
        server = new RunningJames(james.getGuiceJamesServer());
    }

    /**
     * A user with a message stored in Archive first, then three delivered over SMTP, then the archived one moved into
     * the INBOX through JMAP, as a webmail user does.
     */
    private static JmapClient userWithMovedMessage(String name) throws Exception {
        String user = name + "@pop3x.local";
        server.addUser(user, PASSWORD);
        MailboxProbeImpl mailboxes = server.server().getProbe(MailboxProbeImpl.class);
        MailboxPath archive = MailboxPath.forUser(Username.of(user), "Archive");
        mailboxes.createMailbox(archive);
        mailboxes.appendMessage(user, archive, new ByteArrayInputStream(
                Messages.text("old@example.test", user, "archived earlier", "kept\n").getBytes(StandardCharsets.UTF_8)),
            new Date(), false, new Flags());
        JmapClient jmap = new JmapClient(server, user, PASSWORD);
        String archived = jmap.emails("id").get(0);
        for (int i = 1; i <= 3; i++) {
            server.deliver(user, Messages.text("sender@example.test", user, "delivered " + i, "body " + i + "\n"));
        }
        String inbox = jmap.mailbox("inbox").get("id").asText();
        jmap.call("[[\"Email/set\", {\"accountId\": \"" + jmap.accountId() + "\", \"update\": {\"" + archived
            + "\": {\"mailboxIds\": {\"" + inbox + "\": true}}}}, \"s\"]]");
        Eventually.until(Duration.ofSeconds(10), "the move into the INBOX",
            () -> jmap.mailbox("inbox").get("totalEmails").asInt() == 4);
        return jmap;
    }

    /** What James's distributed POP3 lists: each message id, in its projection's order (memory ids are numbers). */
    private static List<String> distributedPop3Uidls(JmapClient jmap) {
        List<String> ids = new ArrayList<>(jmap.emails("id"));
        ids.sort(Comparator.comparingLong(Long::parseLong));
        return IntStream.range(0, ids.size()).mapToObj(i -> (i + 1) + " " + ids.get(i)).collect(Collectors.toList());
    }

    @Test
    void theUidlsAreTheMessageIdsInTheOrderOfJamesDistributedPop3() throws Exception {
        JmapClient jmap = userWithMovedMessage("distributed");
        List<String> expected = distributedPop3Uidls(jmap);
        try (Pop3LineClient pop = server.pop3()) {
            pop.login("distributed@pop3x.local", PASSWORD);

            List<String> uidl = pop.multiline("UIDL");

            assertThat(uidl.subList(1, uidl.size() - 1)).containsExactlyElementsOf(expected);
            assertThat(pop.multiline("TOP 1 0")).contains("Subject: archived earlier");
            pop.command("QUIT");
        }
    }

    @Test
    void aLeaveOnServerClientThatSyncedAgainstJamesDistributedPop3DownloadsNothingFromPop3x(@TempDir Path home) throws Exception {
        JmapClient jmap = userWithMovedMessage("mpop");
        LeaveOnServerMpop client = new LeaveOnServerMpop(home, "mpop@pop3x.local", PASSWORD);
        client.remember(distributedPop3Uidls(jmap).stream().map(line -> line.split(" ")[1]).collect(Collectors.toList()));

        String transcript = client.poll(server.pop3Port());

        assertThat(transcript).contains("--> UIDL").doesNotContain("--> RETR");
        assertThat(client.delivered()).isZero();
    }

    @Test
    void listGivesTheSizesJamesStored() throws Exception {
        JmapClient jmap = userWithMovedMessage("sizes");
        List<String> ids = jmap.emails("id");
        List<String> sizes = jmap.emails("size");
        try (Pop3LineClient pop = server.pop3()) {
            pop.login("sizes@pop3x.local", PASSWORD);
            List<String> uidl = pop.multiline("UIDL");
            List<String> list = pop.multiline("LIST");
            for (int number = 1; number <= 4; number++) {
                String id = uidl.get(number).split(" ")[1];
                assertThat(list.get(number)).isEqualTo(number + " " + sizes.get(ids.indexOf(id)));
            }
            pop.command("QUIT");
        }
    }

    @Test
    void deleAndQuitRemoveTheMessageTheUidlNamesAndLeaveTheOthersUidlsAsTheyWere() throws Exception {
        JmapClient jmap = userWithMovedMessage("dele");
        List<String> before = distributedPop3Uidls(jmap);
        String deleted = before.get(1).split(" ")[1];
        try (Pop3LineClient pop = server.pop3()) {
            pop.login("dele@pop3x.local", PASSWORD);
            assertThat(pop.command("UIDL 2")).isEqualTo("+OK " + before.get(1));
            assertThat(pop.multiline("RETR 2")).contains("Subject: delivered 1");
            assertThat(pop.command("DELE 2")).startsWith("+OK");
            assertThat(pop.command("QUIT")).startsWith("+OK");
        }

        assertThat(jmap.emails("id")).hasSize(3).doesNotContain(deleted);
        try (Pop3LineClient pop = server.pop3()) {
            pop.login("dele@pop3x.local", PASSWORD);
            List<String> uidl = pop.multiline("UIDL");
            assertThat(uidl.subList(1, uidl.size() - 1).stream().map(line -> line.split(" ")[1]))
                .containsExactly(before.get(0).split(" ")[1], before.get(2).split(" ")[1], before.get(3).split(" ")[1]);
            pop.command("QUIT");
        }
    }
}
