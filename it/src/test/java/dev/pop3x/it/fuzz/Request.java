package dev.pop3x.it.fuzz;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * A command line as the server reads it, so that the fuzz target knows which reply shape to expect whatever bytes
 * it sent: decoded as UTF-8, or ISO-8859-1 when not valid UTF-8; leading spaces dropped; the keyword is what
 * comes before the first space, its ASCII letters upper-cased and nothing else (so {@code lıst}, with a dotless i,
 * is no LIST); the argument is the rest, or null without a space. This is the reading RFC 1939 leaves to the server, written down
 * a second time on purpose: if the two drift apart, the fuzzer reports a reply of a shape this class did not expect.
 */
record Request(String keyword, String argument) {
    private static final Set<String> COMMANDS = Set.of("USER", "PASS", "AUTH", "STLS", "CAPA", "UTF8", "LANG", "STAT",
        "LIST", "RETR", "DELE", "NOOP", "RSET", "QUIT", "TOP", "UIDL");

    static Request parse(byte[] line) {
        String text = decode(line);
        int start = 0;
        while (start < text.length() && text.charAt(start) == ' ') {
            start++;
        }
        text = text.substring(start);
        int space = text.indexOf(' ');
        if (space > 0) {
            return new Request(asciiUpperCase(text.substring(0, space)), text.substring(space + 1));
        }
        return new Request(asciiUpperCase(text), null);
    }

    private static String asciiUpperCase(String keyword) {
        StringBuilder upper = new StringBuilder(keyword.length());
        keyword.chars().forEach(c -> upper.append((char) (c >= 'a' && c <= 'z' ? c - 32 : c)));
        return upper.toString();
    }

    /** Whether the line is a command of pop3x's chain: inside an AUTH exchange, it ends the exchange and runs. */
    boolean isCommand() {
        return COMMANDS.contains(keyword);
    }

    private static String decode(byte[] line) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(line))
                .toString();
        } catch (CharacterCodingException e) {
            return new String(line, StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * Whether a {@code +OK} to this command is followed by data lines and a "." line: CAPA; RETR and TOP; LIST and
     * UIDL without a message number (nothing but spaces after the keyword); AUTH and LANG without an argument
     * (a blank one), which list mechanisms and languages.
     */
    boolean multilineOnOk() {
        switch (keyword) {
            case "CAPA":
            case "RETR":
            case "TOP":
                return true;
            case "LIST":
            case "UIDL":
                return argument == null || argument.chars().allMatch(c -> c == ' ');
            case "AUTH":
            case "LANG":
                return argument == null || argument.isBlank();
            default:
                return false;
        }
    }

    /** A keyword-only command, as the client meant it, for deciding what a reply does to the session. */
    boolean is(String command) {
        return keyword.equals(command);
    }
}
