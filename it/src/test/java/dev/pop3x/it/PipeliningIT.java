package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PIPELINING (RFC 2449): many commands in one TCP write, AUTH continuations included, get the same replies, in
 * order, as the same commands sent one at a time.
 */
class PipeliningIT {
    private static final String PASSWORD = "secret";
    private static final String ONE_BY_ONE = "one-by-one@pop3x.local";
    private static final String PIPELINED = "pipelined@pop3x.local";

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass();

    private static RunningJames server;

    @BeforeAll
    static void twoIdenticalMaildrops() {
        server = new RunningJames(james.getGuiceJamesServer()).addUser(ONE_BY_ONE, PASSWORD).addUser(PIPELINED, PASSWORD);
        for (String user : List.of(ONE_BY_ONE, PIPELINED)) {
            server.appendToInbox(user, "Subject: one\r\n\r\nfirst\r\n.dot\r\n", Instant.parse("2026-11-26T10:00:00Z"));
            server.appendToInbox(user, "Subject: two\r\n\r\nsecond\r\n", Instant.parse("2026-11-26T10:00:01Z"));
        }
    }

    private static List<String> script(String user) {
        return List.of("CAPA", "AUTH PLAIN", Sasl.plain(user, PASSWORD), "STAT", "LIST", "UIDL 2", "TOP 1 1", "RETR 2",
            "DELE 1", "RETR 1", "NOOP", "RSET", "STAT", "LANG fr", "FOO", "LANG en", "QUIT");
    }

    /** Which replies are multi-line: CAPA, LIST, TOP and RETR here. */
    private static boolean multiline(String command) {
        return command.equals("CAPA") || command.equals("LIST") || command.startsWith("TOP") || command.equals("RETR 2");
    }

    @Test
    void aPipelinedSessionGetsTheRepliesOfTheSameSessionSentOneCommandAtATime() {
        List<String> oneByOne = new ArrayList<>();
        try (Pop3LineClient pop = server.pop3()) {
            for (String command : script(ONE_BY_ONE)) {
                oneByOne.addAll(multiline(command) ? pop.multiline(command) : List.of(pop.command(command)));
            }
        }

        List<String> pipelined = new ArrayList<>();
        try (Pop3LineClient pop = server.pop3()) {
            pop.sendRaw((String.join("\r\n", script(PIPELINED)) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (String command : script(PIPELINED)) {
                pipelined.addAll(multiline(command) ? pop.readMultiline() : List.of(pop.readLine()));
            }
        }

        assertThat(pipelined).isEqualTo(oneByOne.stream().map(line -> line.replace(ONE_BY_ONE, PIPELINED)).toList());
        assertThat(pipelined).contains("+ ", "+OK Welcome " + PIPELINED, "-ERR Message (1) already deleted.",
            "+OK fr Langue changée", "-ERR Commande inconnue : FOO", "+OK Apache James POP3 Server signing off.");
        assertThat(server.messageCount(PIPELINED)).isEqualTo(2);
    }
}
