package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import javax.mail.Flags;

import org.apache.james.JamesServerExtension;
import org.apache.james.mailbox.model.MailboxConstants;
import org.apache.james.mailbox.model.MultimailboxesSearchQuery;
import org.apache.james.mailbox.model.SearchQuery;
import org.apache.james.modules.MailboxProbeImpl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@code james} backend: octets that match what RETR sends even for mail stored with bare LF, RETR marking
 * mail seen for IMAP, and with {@code james.uidl=uidvalidity-uid} unique-ids that an INBOX created again does not
 * reuse.
 */
class JamesBackendIT {
    private static final String PASSWORD = "secret";

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass(home -> home.edit("pop3x.properties",
        properties -> properties.replace("james.uidl=uid\n", "james.uidl=uidvalidity-uid\n")));

    private static RunningJames server;

    @BeforeAll
    static void server() {
        server = new RunningJames(james.getGuiceJamesServer());
    }

    private static long unstuffedOctets(List<String> retr) {
        return retr.subList(1, retr.size() - 1).stream()
            .mapToLong(line -> (line.startsWith("..") ? line.substring(1) : line).getBytes(StandardCharsets.UTF_8).length + 2)
            .sum();
    }

    @Test
    void mailStoredWithBareLfIsListedWithTheOctetsRetrSends() {
        String user = "bare-lf@pop3x.local";
        server.addUser(user, PASSWORD);
        String bareLf = "From: unix@example.test\nSubject: stored with bare LF\n\nline\n.dot\nlast\n";
        server.appendToInbox(user, bareLf, Instant.now());
        server.appendToInbox(user, bareLf.replace("\n", "\r\n"), Instant.now());
        for (int session = 0; session < 2; session++) {
            try (Pop3LineClient pop = server.pop3()) {
                pop.login(user, PASSWORD);
                long expected = bareLf.length() + bareLf.chars().filter(c -> c == '\n').count();
                assertThat(pop.multiline("LIST")).containsExactly("+OK 2 " + 2 * expected, "1 " + expected, "2 " + expected, ".");
                assertThat(unstuffedOctets(pop.multiline("RETR 1"))).isEqualTo(expected);
                assertThat(unstuffedOctets(pop.multiline("RETR 2"))).isEqualTo(expected);
                pop.command("QUIT");
            }
        }
    }

    @Test
    void retrMarksTheMessageSeenForImapClients() throws Exception {
        String user = "seen@pop3x.local";
        server.addUser(user, PASSWORD);
        server.deliver(user, Messages.text("a@example.test", user, "read me", "hello\n"));
        server.deliver(user, Messages.text("a@example.test", user, "not read", "hello\n"));
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            pop.multiline("TOP 2 0");
            pop.multiline("RETR 1");
            pop.command("QUIT");
        }
        MailboxProbeImpl mailboxes = server.server().getProbe(MailboxProbeImpl.class);
        assertThat(mailboxes.searchMessage(MultimailboxesSearchQuery.from(SearchQuery.of(SearchQuery.flagIsSet(Flags.Flag.SEEN))).build(),
            user, 10)).hasSize(1);
    }

    @Test
    void uidvalidityUidlsAreNotReusedWhenTheInboxIsCreatedAgain() {
        String user = "recreated@pop3x.local";
        server.addUser(user, PASSWORD);
        server.deliver(user, Messages.text("a@example.test", user, "first inbox", "hello\n"));
        String before;
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            before = pop.command("UIDL 1");
            pop.command("QUIT");
        }
        assertThat(before).matches("\\+OK 1 \\d+-1");

        server.server().getProbe(MailboxProbeImpl.class).deleteMailbox(MailboxConstants.USER_NAMESPACE, user, MailboxConstants.INBOX);
        server.deliver(user, Messages.text("a@example.test", user, "second inbox", "hello\n"));
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            String after = pop.command("UIDL 1");
            assertThat(after).matches("\\+OK 1 \\d+-1").isNotEqualTo(before);
            assertThat(pop.multiline("RETR 1")).contains("Subject: second inbox");
        }
    }
}
