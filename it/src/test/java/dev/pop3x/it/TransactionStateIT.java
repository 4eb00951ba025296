package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What pop3x fixes in James 3.8.1's TRANSACTION state: the maildrop is fixed at login and RSET only unmarks
 * deletions (James re-reads the mailbox); TOP n 0 sends the header section; many deletion marks do not slow
 * STAT, LIST or UIDL.
 */
class TransactionStateIT {
    private static final String PASSWORD = "secret";

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass();

    private static RunningJames server;

    @BeforeAll
    static void server() {
        server = new RunningJames(james.getGuiceJamesServer());
    }

    @Test
    void mailArrivingDuringTheSessionIsNotSeenEvenAfterRset() {
        String user = "rset@pop3x.local";
        server.addUser(user, PASSWORD);
        server.deliver(user, Messages.text("a@example.test", user, "before", "hello\n"));
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            String stat = pop.command("STAT");
            assertThat(pop.command("DELE 1")).isEqualTo("+OK Message deleted");
            server.deliver(user, Messages.text("b@example.test", user, "during", "hello\n"));
            assertThat(pop.command("RSET")).isEqualTo("+OK");
            assertThat(pop.command("STAT")).isEqualTo(stat);
            assertThat(pop.multiline("UIDL")).containsExactly("+OK unique-id listing follows", "1 1", ".");
            pop.command("QUIT");
        }
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            assertThat(pop.multiline("UIDL")).containsExactly("+OK unique-id listing follows", "1 1", "2 2", ".");
        }
    }

    @Test
    void topWithZeroLinesSendsTheHeaderSectionAndItsBlankLine() {
        String user = "top@pop3x.local";
        server.addUser(user, PASSWORD);
        server.appendToInbox(user, "From: a@example.test\r\nSubject: top\r\n\r\nbody 1\r\n.body 2\r\nbody 3\r\n", Instant.now());
        server.appendToInbox(user, "From: a@example.test\nSubject: bare LF\n\nbody 1\nbody 2\n", Instant.now());
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            assertThat(pop.multiline("TOP 1 0")).containsExactly("+OK Message follows", "From: a@example.test", "Subject: top", "", ".");
            assertThat(pop.multiline("TOP 1 2")).containsExactly("+OK Message follows", "From: a@example.test", "Subject: top", "",
                "body 1", "..body 2", ".");
            assertThat(pop.multiline("TOP 1 99")).containsExactly("+OK Message follows", "From: a@example.test", "Subject: top", "",
                "body 1", "..body 2", "body 3", ".");
            assertThat(pop.multiline("TOP 2 0")).containsExactly("+OK Message follows", "From: a@example.test", "Subject: bare LF", "", ".");
            assertThat(pop.multiline("TOP 2 1")).containsExactly("+OK Message follows", "From: a@example.test", "Subject: bare LF", "",
                "body 1", ".");
        }
    }

    @Test
    void manyDeletionMarksLeaveStatListAndUidlCorrect() {
        String user = "many@pop3x.local";
        int count = 400;
        server.addUser(user, PASSWORD);
        for (int i = 1; i <= count; i++) {
            server.appendToInbox(user, "Subject: " + i + "\r\n\r\nbody\r\n", Instant.now());
        }
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            for (int i = 1; i <= count; i++) {
                if (i % 4 != 0) {
                    pop.command("DELE " + i);
                }
            }
            List<String> list = pop.multiline("LIST");
            assertThat(list).hasSize(count / 4 + 2);
            assertThat(list.get(0)).isEqualTo("+OK " + count / 4 + " " + list.subList(1, list.size() - 1).stream()
                .mapToLong(line -> Long.parseLong(line.split(" ")[1])).sum());
            assertThat(list.get(1)).startsWith("4 ");
            assertThat(pop.command("STAT")).isEqualTo(list.get(0));
            assertThat(pop.multiline("UIDL")).hasSize(count / 4 + 2).contains("400 400");
            pop.command("QUIT");
        }
        assertThat(server.messageCount(user)).isEqualTo(count / 4);
    }
}
