package dev.pop3x.it.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Plays a {@link Script} against the server and checks the shape of every reply as RFC 1939, 2449 and 5034 define
 * it: a status line that starts with {@code +OK} or {@code -ERR} (or, in an AUTH exchange, a {@code + }
 * continuation), and after {@code +OK} to a multi-line command, data lines, byte-stuffed, up to a "." line. A reply
 * that breaks the shape, or does not come, is a {@link Finding}.
 */
final class SessionPlayer {
    private final Pop3Wire wire;
    private final Transcript transcript;
    private boolean inSaslExchange;
    private boolean deletionsAccepted;
    private boolean ended;

    private SessionPlayer(Pop3Wire wire, Transcript transcript) {
        this.wire = wire;
        this.transcript = transcript;
    }

    static void play(int port, Script script, Transcript transcript) {
        try (Pop3Wire wire = Pop3Wire.connect(port, transcript)) {
            SessionPlayer player = new SessionPlayer(wire, transcript);
            for (Script.Step step : script.steps()) {
                if (player.ended) {
                    break;
                }
                player.perform(step);
            }
            if (!player.ended) {
                player.end(script.ending());
            }
        }
    }

    private void perform(Script.Step step) {
        if (step.pipelined()) {
            if (!wire.sendTogether(step.lines())) {
                ended = true;
                return;
            }
            for (byte[] line : step.lines()) {
                if (!receive(line)) {
                    return;
                }
            }
            return;
        }
        for (byte[] line : step.lines()) {
            if (!wire.send(line) || !receive(line)) {
                ended = true;
                return;
            }
        }
    }

    /** Reads and checks the reply to the line; false when the server has closed the connection instead. */
    private boolean receive(byte[] line) {
        Request request = Request.parse(line);
        // a command in the middle of an AUTH exchange ends it and runs as a command
        boolean saslResponse = inSaslExchange && !request.isCommand();
        Optional<String> read = wire.readLine("reply to " + new String(line, StandardCharsets.UTF_8));
        if (read.isEmpty()) {
            ended = true;
            return false;
        }
        String status = read.get();
        inSaslExchange = false;
        if (status.startsWith("+ ")) {
            if (!saslResponse && !request.is("AUTH")) {
                throw new Finding("A SASL continuation answers a command that is not AUTH\n" + transcript);
            }
            inSaslExchange = true;
            return true;
        }
        boolean ok = isStatus(status, "+OK");
        if (!ok && !isStatus(status, "-ERR")) {
            throw new Finding("Not a POP3 status line: " + status + "\n" + transcript);
        }
        if (saslResponse) {
            return true;
        }
        if (ok && request.multilineOnOk()) {
            readData(request);
        }
        return afterReply(request, ok);
    }

    private static boolean isStatus(String line, String status) {
        return line.equals(status) || line.startsWith(status + " ");
    }

    /** The data lines of a multi-line reply, up to ".": a line starting with "." must be byte-stuffed. */
    private void readData(Request request) {
        while (true) {
            String line = wire.readLine("data of the reply to " + request.keyword())
                .orElseThrow(() -> new Finding("The connection closed in the middle of a multi-line reply\n" + transcript));
            if (line.equals(".")) {
                return;
            }
            if (line.startsWith(".") && !line.startsWith("..")) {
                throw new Finding("A data line starting with '.' is not byte-stuffed: " + line + "\n" + transcript);
            }
        }
    }

    /** What a reply does to the session: TLS after STLS, the end after QUIT, deletions to undo before QUIT. */
    private boolean afterReply(Request request, boolean ok) {
        if (request.is("QUIT")) {
            if (request.argument() != null && !request.argument().isBlank()) {
                // "QUIT x" is refused ("-ERR Usage: QUIT") and the session goes on
                if (ok) {
                    throw new Finding("QUIT with an argument accepted\n" + transcript);
                }
                return true;
            }
            ended = true;
            wire.awaitClose("QUIT");
            return false;
        }
        if (ok && request.is("STLS")) {
            wire.startTls();
        } else if (ok && request.is("DELE")) {
            deletionsAccepted = true;
        } else if (ok && request.is("RSET")) {
            deletionsAccepted = false;
        }
        return true;
    }

    private void end(Ending ending) {
        switch (ending) {
            case QUIT:
            case QUIT_KEEPING_DELETIONS:
                if (inSaslExchange) {
                    // QUIT would be read as the SASL response; "*" cancels the exchange first (RFC 5034)
                    sendAndReceive("*");
                }
                if (ending == Ending.QUIT && deletionsAccepted) {
                    sendAndReceive("RSET");
                }
                sendAndReceive("QUIT");
                return;
            case CLOSE:
                wire.close();
                transcript.note("client closed the connection");
                return;
            case RESET:
                wire.reset();
                return;
            case HALF_CLOSE:
                boolean tls = wire.isTls();
                wire.halfClose();
                if (!tls) {
                    wire.awaitClose("the client shut down its output");
                }
                return;
            default:
                throw new IllegalStateException("Unhandled " + ending);
        }
    }

    private void sendAndReceive(String command) {
        byte[] line = command.getBytes(StandardCharsets.US_ASCII);
        if (!ended && (!wire.send(line) || !receive(line))) {
            ended = true;
        }
    }
}
