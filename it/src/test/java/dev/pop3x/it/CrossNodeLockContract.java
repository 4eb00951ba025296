package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What a maildrop lock across James nodes must do, whatever holds it (a lease file in a shared Maildir, a row in
 * Cassandra): one node's session keeps the other node's logins out until its QUIT, and of two logins at once on two
 * nodes exactly one gets in.
 */
interface CrossNodeLockContract {
    String PASSWORD = "secret";

    RunningJames nodeOne();

    RunningJames nodeTwo();

    /** A user both nodes know, with {@link #PASSWORD}. */
    String userOnBothNodes(String name);

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
}
