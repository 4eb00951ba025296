package dev.pop3x.it.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/** A well-behaved client's look at a maildrop: USER, PASS, STAT, QUIT, on a connection of its own. */
final class Maildrops {
    private Maildrops() {
    }

    /**
     * The number of messages, or empty when another session holds the maildrop ({@code -ERR [IN-USE]}). Any other
     * refusal of the right password is a {@link Finding}: the fuzzed session before it broke the account.
     */
    static OptionalInt stat(int port, Account account) {
        Transcript transcript = new Transcript();
        try (Pop3Wire wire = Pop3Wire.connect(port, transcript)) {
            expectOk(wire, "USER " + account.address(), transcript);
            String pass = command(wire, "PASS " + account.password(), transcript);
            if (pass.startsWith("-ERR [IN-USE]")) {
                return OptionalInt.empty();
            }
            if (!pass.startsWith("+OK")) {
                throw new Finding("The right password of " + account.address() + " is refused\n" + transcript);
            }
            String stat = expectOk(wire, "STAT", transcript);
            expectOk(wire, "QUIT", transcript);
            return OptionalInt.of(Integer.parseInt(stat.split(" ")[1]));
        }
    }

    /** The number of messages, 0 while the maildrop is in use. */
    static int count(int port, Account account) {
        return stat(port, account).orElse(0);
    }

    private static String expectOk(Pop3Wire wire, String line, Transcript transcript) {
        String reply = command(wire, line, transcript);
        if (!reply.startsWith("+OK")) {
            throw new Finding("A well-formed " + line.split(" ")[0] + " is refused\n" + transcript);
        }
        return reply;
    }

    private static String command(Pop3Wire wire, String line, Transcript transcript) {
        if (!wire.send(line.getBytes(StandardCharsets.UTF_8))) {
            throw new Finding("The server dropped a well-behaved client\n" + transcript);
        }
        return wire.readLine("reply to " + line.split(" ")[0])
            .orElseThrow(() -> new Finding("The server dropped a well-behaved client\n" + transcript));
    }
}
