package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With valid input, a session through pop3x's chain is the session James's stock chain gives: the same script is
 * played against two James servers holding the same bytes, one started from conf/ as it is and one from conf/
 * with James's own CoreCmdHandlerLoader, and the transcripts are compared line by line. Only the greeting (no
 * APOP timestamp) and CAPA (IMPLEMENTATION) differ, and they are asserted for what they are.
 */
class StockParityIT {
    private static final String USER = "parity@pop3x.local";
    private static final String PASSWORD = "secret";

    @RegisterExtension
    static JamesServerExtension pop3x = JamesServers.pop3xPerClass();

    @RegisterExtension
    static JamesServerExtension stock = JamesServers.builder(JamesServers.stockPop3Chain())
        .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
        .build();

    private static final List<String> MESSAGES = List.of(
        Messages.text("alice@example.test", USER, "first", "one line\n"),
        Messages.text("bob@example.test", USER, "dots", "line one\n.hidden line starting with a dot\n.\n..two dots\nlast line\n"),
        Messages.text("carol@example.test", USER, "long", "l1\nl2\nl3\nl4\nl5\n\nl7 after a blank line\n"));

    @BeforeAll
    static void sameMaildropOnBothServers() {
        for (JamesServerExtension server : List.of(pop3x, stock)) {
            RunningJames james = new RunningJames(server.getGuiceJamesServer()).addUser(USER, PASSWORD);
            for (int i = 0; i < MESSAGES.size(); i++) {
                james.appendToInbox(USER, MESSAGES.get(i), Instant.parse("2026-11-26T10:00:00Z").plusSeconds(i));
            }
        }
    }

    @Test
    void aSessionOfEveryRfc1939CommandIsAnsweredExactlyAsByStockJames() {
        List<String> ours = playScript(new RunningJames(pop3x.getGuiceJamesServer()));
        List<String> theirs = playScript(new RunningJames(stock.getGuiceJamesServer()));

        assertThat(ours).containsExactlyElementsOf(theirs);
        assertThat(ours).containsSubsequence(
            "C: STAT", "S: +OK 3 " + totalOctets(),
            "C: DELE 1", "S: +OK Message deleted",
            "C: RETR 1", "S: -ERR Message (1) already deleted.",
            "C: RSET", "S: +OK",
            "C: DELE 3", "S: +OK Message deleted",
            "C: QUIT", "S: +OK Apache James POP3 Server signing off.",
            "C: STAT", "S: +OK 1 " + octets(1),
            "C: UIDL", "S: +OK unique-id listing follows", "S: 1 2", "S: .");
        assertThat(ours).contains("S: ..hidden line starting with a dot", "S: ..", "S: ...two dots");
    }

    @Test
    void theGreetingCarriesNoApopTimestampWhereStockJamesAdvertisesOne() {
        try (Pop3LineClient ours = new RunningJames(pop3x.getGuiceJamesServer()).pop3();
             Pop3LineClient theirs = new RunningJames(stock.getGuiceJamesServer()).pop3()) {
            assertThat(ours.greeting()).isEqualTo("+OK pop3x.local POP3 server ready.");
            assertThat(theirs.greeting()).matches("\\+OK <.+\\.\\d+@pop3x\\.local> POP3 server \\(JAMES POP3 Server \\) ready ");
        }
    }

    @Test
    void capaListsEveryStockCapabilityAndPop3xsBeforeLogin() {
        try (Pop3LineClient ours = new RunningJames(pop3x.getGuiceJamesServer()).pop3();
             Pop3LineClient theirs = new RunningJames(stock.getGuiceJamesServer()).pop3()) {
            assertThat(theirs.multiline("CAPA")).containsExactly(
                "+OK Capability list follows", "PIPELINING", "USER", "STLS", ".");
            assertThat(ours.multiline("CAPA")).containsExactly(
                "+OK Capability list follows", "TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING", "USER",
                "SASL PLAIN LOGIN", "STLS", "EXPIRE NEVER", "UTF8 USER", "LANG",
                "IMPLEMENTATION pop3x-" + System.getProperty("pop3x.version"), ".");
        }
    }

    private static List<String> playScript(RunningJames james) {
        List<String> transcript = new ArrayList<>();
        try (Pop3LineClient pop = james.pop3()) {
            pop.login(USER, PASSWORD);
            pop.command("STAT");
            pop.multiline("LIST");
            pop.command("LIST 2");
            pop.multiline("UIDL");
            pop.command("UIDL 3");
            pop.multiline("TOP 1 0");
            pop.multiline("TOP 3 2");
            pop.multiline("RETR 2");
            pop.command("DELE 1");
            pop.command("LIST 1");
            pop.command("RETR 1");
            pop.command("STAT");
            pop.multiline("LIST");
            pop.command("RSET");
            pop.command("STAT");
            pop.command("NOOP");
            pop.command("DELE 1");
            pop.command("DELE 3");
            pop.command("QUIT");
            transcript.addAll(withoutGreeting(pop.transcript()));
        }
        try (Pop3LineClient pop = james.pop3()) {
            pop.login(USER, PASSWORD);
            pop.command("STAT");
            pop.multiline("UIDL");
            pop.command("QUIT");
            transcript.addAll(withoutGreeting(pop.transcript()));
        }
        return transcript;
    }

    private static List<String> withoutGreeting(List<String> transcript) {
        return transcript.subList(1, transcript.size());
    }

    private static long totalOctets() {
        return octets(0) + octets(1) + octets(2);
    }

    private static long octets(int index) {
        return MESSAGES.get(index).length();
    }
}
