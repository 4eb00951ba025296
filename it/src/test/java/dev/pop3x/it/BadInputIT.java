package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input gets a clear {@code -ERR}, the session goes on, and nothing leaves the maildrop but through
 * DELE and QUIT.
 */
class BadInputIT {
    private static final String USER = "bad-input@pop3x.local";
    private static final String PASSWORD = "secret";
    private static final int LARGE_MESSAGE_LINES = 40_000;

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass();

    private static RunningJames server;

    @BeforeAll
    static void maildropOfThreeMessages() {
        server = new RunningJames(james.getGuiceJamesServer()).addUser(USER, PASSWORD);
        server.deliver(USER, Messages.text("a@example.test", USER, "small one", "hello\n"));
        server.deliver(USER, Messages.text("b@example.test", USER, "small two", "hello again\n"));
        server.deliver(USER, largeMessage());
    }

    @Test
    void unknownCommandsAreNamedInTheReplyBeforeAndAfterLogin() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("FOOBAR")).isEqualTo("-ERR Unknown command: FOOBAR");
            assertThat(pop.command("xyzzy with arguments")).isEqualTo("-ERR Unknown command: XYZZY");
            assertThat(pop.command("")).isEqualTo("-ERR Empty command");
            pop.login(USER, PASSWORD);
            assertThat(pop.command("FOOBAR")).isEqualTo("-ERR Unknown command: FOOBAR");
            assertThat(pop.command("NOOP")).isEqualTo("+OK");
        }
    }

    @Test
    void anUnknownCommandIsQuotedBackShortAndPrintable() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("X".repeat(1000))).isEqualTo("-ERR Unknown command: " + "X".repeat(40) + "...");
            assertThat(pop.command("BAD\u0001VERB")).isEqualTo("-ERR Unknown command: BAD?VERB");
        }
    }

    @Test
    void transactionCommandsBeforeLoginAreRefused() {
        try (Pop3LineClient pop = server.pop3()) {
            for (String command : List.of("STAT", "LIST", "UIDL", "RETR 1", "TOP 1 0", "DELE 1", "RSET", "NOOP")) {
                assertThat(pop.command(command)).as(command).isEqualTo("-ERR Command not valid before login");
            }
            assertThat(pop.login(USER, PASSWORD)).isEqualTo("+OK Welcome " + USER);
        }
    }

    @Test
    void missingArgumentsGetTheCommandsUsage() {
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(USER, PASSWORD);
            pop.command("RETR");
            pop.command("DELE");
            pop.command("TOP");
            pop.command("TOP 1");
            assertThat(pop.transcript()).endsWith(
                "C: RETR", "S: -ERR Usage: RETR msg",
                "C: DELE", "S: -ERR Usage: DELE msg",
                "C: TOP", "S: -ERR Usage: TOP msg n",
                "C: TOP 1", "S: -ERR Usage: TOP msg n");
        }
    }

    @Test
    void extraArgumentsAreRefusedInsteadOfIgnored() {
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(USER, PASSWORD);
            pop.command("RETR 1 2");
            pop.command("DELE 1 1");
            pop.command("LIST 1 2");
            pop.command("UIDL 1 x");
            pop.command("TOP 1 2 3");
            assertThat(pop.transcript()).endsWith(
                "C: RETR 1 2", "S: -ERR Usage: RETR msg",
                "C: DELE 1 1", "S: -ERR Usage: DELE msg",
                "C: LIST 1 2", "S: -ERR Usage: LIST [msg]",
                "C: UIDL 1 x", "S: -ERR Usage: UIDL [msg]",
                "C: TOP 1 2 3", "S: -ERR Usage: TOP msg n");
            assertThat(pop.command("STAT")).isEqualTo("+OK 3 " + maildropOctets(pop));
        }
    }

    @Test
    void messageNumbersOutsideTheMaildropAreRefusedAndTheSessionGoesOn() {
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(USER, PASSWORD);
            pop.command("RETR 0");
            pop.command("LIST 4");
            pop.command("DELE 99999999999999999999");
            pop.command("RETR abc");
            pop.command("RETR -1");
            pop.command("RETR +1");
            pop.command("TOP 1 -1");
            pop.command("TOP 1 x");
            assertThat(pop.transcript()).endsWith(
                "C: RETR 0", "S: -ERR Message (0) does not exist.",
                "C: LIST 4", "S: -ERR Message (4) does not exist.",
                "C: DELE 99999999999999999999", "S: -ERR Message (99999999999999999999) does not exist.",
                "C: RETR abc", "S: -ERR Invalid message number: abc",
                "C: RETR -1", "S: -ERR Invalid message number: -1",
                "C: RETR +1", "S: -ERR Invalid message number: +1",
                "C: TOP 1 -1", "S: -ERR Invalid line count: -1",
                "C: TOP 1 x", "S: -ERR Invalid line count: x");
            assertThat(pop.command("NOOP")).isEqualTo("+OK");
        }
    }

    @Test
    void aLineOverTheLimitIsRefusedAndTheSessionGoesOn() {
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(USER, PASSWORD);
            assertThat(pop.command("NOOP " + "x".repeat(10_000))).isEqualTo("-ERR Line too long: 2048 octets at most.");
            assertThat(pop.command("NOOP")).isEqualTo("+OK");
            assertThat(pop.command("STAT")).startsWith("+OK 3 ");
        }
    }

    @Test
    void commandsThatTakeNoArgumentRefuseOne() {
        try (Pop3LineClient pop = server.pop3()) {
            pop.command("STLS x");
            pop.command("UTF8 x");
            pop.command("CAPA x");
            pop.login(USER, PASSWORD);
            pop.command("STAT 1");
            pop.command("NOOP 1");
            pop.command("NOOP " + "x".repeat(1000));
            pop.command("RSET 1");
            pop.sendRaw("STAT \u00ff\r\n".getBytes(StandardCharsets.ISO_8859_1));
            pop.readLine();
            pop.command("QUIT x");
            assertThat(pop.transcript()).containsSubsequence(
                "C: STLS x", "S: -ERR Usage: STLS",
                "C: UTF8 x", "S: -ERR Usage: UTF8",
                "C: CAPA x", "S: -ERR Usage: CAPA",
                "C: STAT 1", "S: -ERR Usage: STAT",
                "C: NOOP 1", "S: -ERR Usage: NOOP",
                "S: -ERR Usage: NOOP",
                "C: RSET 1", "S: -ERR Usage: RSET",
                "S: -ERR Usage: STAT",
                "C: QUIT x", "S: -ERR Usage: QUIT");
            assertThat(pop.command("STAT")).as("the session goes on").startsWith("+OK 3 ");
            assertThat(pop.command("NOOP ")).as("a trailing space is no argument").isEqualTo("+OK");
        }
    }

    @Test
    void numbersAreWrittenWithoutLeadingZeros() {
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(USER, PASSWORD);
            assertThat(pop.command("TOP 1 00")).isEqualTo("-ERR Invalid line count: 00");
            assertThat(pop.command("RETR 01")).isEqualTo("-ERR Invalid message number: 01");
            assertThat(pop.command("LIST 1")).startsWith("+OK 1 ");
        }
    }

    @Test
    void aCommandLineOverTwoThousandAndFortyEightOctetsIsRefusedAndRepeatedAbuseCloses() {
        try (Pop3LineClient pop = server.pop3()) {
            String longLine = "NOOP " + "x".repeat(5000);
            assertThat(pop.command(longLine)).isEqualTo("-ERR Line too long: 2048 octets at most.");
            assertThat(pop.command("CAPA")).as("the session goes on").isEqualTo("+OK Capability list follows");
            pop.readMultilineData();
            for (int i = 2; i < 5; i++) {
                assertThat(pop.command(longLine)).isEqualTo("-ERR Line too long: 2048 octets at most.");
            }
            assertThat(pop.command(longLine)).isEqualTo("-ERR Too many bad commands.");
            assertThat(pop.isClosedByServer(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void anAuthInitialResponseMayBeLongerThanACommandLine() {
        try (Pop3LineClient pop = server.pop3()) {
            // an authorization identity, a user and a password of 1,000 characters each: 4,000 in base64
            String response = Sasl.plain("a".repeat(988) + "@pop3x.local", USER, "p".repeat(1000));
            assertThat(("AUTH PLAIN " + response).length()).isGreaterThan(2048);
            assertThat(pop.command("AUTH PLAIN " + response)).isEqualTo("-ERR [AUTH] Authentication failed.");
        }
    }

    /**
     * James's framer answers a line over 8,192 octets itself and drops it: the client has its answer to the AUTH
     * exchange, and its next line is a command again, not a SASL response.
     */
    @Test
    void anAuthResponseLongerThanALineEndsTheExchangeAndTheNextLineIsACommand() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("AUTH PLAIN")).isEqualTo("+ ");
            assertThat(pop.command("A".repeat(100_000))).isEqualTo("-ERR Line too long: 8190 octets at most.");
            assertThat(pop.command("CAPA")).isEqualTo("+OK Capability list follows");
            pop.readMultilineData();
            assertThat(pop.login(USER, PASSWORD)).isEqualTo("+OK Welcome " + USER);
            pop.command("QUIT");
        }
    }

    @Test
    void moreThanThirtyCommandsWithoutALoginCloseTheConnection() {
        try (Pop3LineClient pop = server.pop3()) {
            pop.sendRaw("CAPA\r\n".repeat(40).getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 30; i++) {
                assertThat(pop.readLine()).isEqualTo("+OK Capability list follows");
                pop.readMultilineData();
            }
            assertThat(pop.readLine()).isEqualTo("-ERR Too many commands without a login.");
            assertThat(pop.isClosedByServer(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void aConnectionDroppedInTheMiddleOfRetrDeletesNothing() throws Exception {
        String digestBefore;
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(USER, PASSWORD);
            digestBefore = digest(pop.multiline("RETR 3"));
        }

        try (Pop3LineClient pop = server.pop3()) {
            pop.login(USER, PASSWORD);
            assertThat(pop.command("DELE 1")).isEqualTo("+OK Message deleted");
            pop.send("RETR 3");
            assertThat(pop.readLine()).startsWith("+OK");
            pop.readLine();
            pop.abort();
        }

        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.login(USER, PASSWORD)).as("the login waits for the dropped session to let go").isEqualTo("+OK Welcome " + USER);
            assertThat(pop.command("STAT")).isEqualTo("+OK 3 " + maildropOctets(pop));
            assertThat(digest(pop.multiline("RETR 3"))).isEqualTo(digestBefore);
            assertThat(pop.multiline("UIDL")).containsExactly("+OK unique-id listing follows", "1 1", "2 2", "3 3", ".");
        }
        assertThat(server.messageCount(USER)).isEqualTo(3);
    }

    @Test
    void connectionsDroppedInTheMiddleOfAuthLeaveNoLockBehind() {
        Pop3LineClient waitingForPlain = server.pop3();
        assertThat(waitingForPlain.command("AUTH PLAIN")).isEqualTo("+ ");
        waitingForPlain.abort();
        Pop3LineClient waitingForPassword = server.pop3();
        assertThat(waitingForPassword.command("AUTH LOGIN")).isEqualTo("+ " + Sasl.base64("Username:"));
        assertThat(waitingForPassword.command(Sasl.base64(USER))).isEqualTo("+ " + Sasl.base64("Password:"));
        waitingForPassword.abort();

        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.login(USER, PASSWORD)).isEqualTo("+OK Welcome " + USER);
            assertThat(pop.command("STAT")).startsWith("+OK 3 ");
            pop.command("QUIT");
        }
    }

    @Test
    void aSessionEndedByTheServerAfterQuitLeavesTheSocketClosed() {
        try (Pop3LineClient pop = server.pop3()) {
            pop.command("QUIT");
            assertThat(pop.isClosedByServer(Duration.ofSeconds(5))).isTrue();
        }
    }

    private static long maildropOctets(Pop3LineClient pop) {
        List<String> list = pop.multiline("LIST");
        return list.subList(1, list.size() - 1).stream()
            .mapToLong(line -> Long.parseLong(line.split(" ")[1]))
            .sum();
    }

    private static String largeMessage() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < LARGE_MESSAGE_LINES; i++) {
            body.append("line ").append(i).append(" of a message large enough to be cut off in the middle\n");
        }
        return Messages.text("c@example.test", USER, "large", body.toString());
    }

    private static String digest(List<String> lines) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (String line : lines) {
            sha256.update((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
