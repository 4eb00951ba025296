package dev.pop3x.log;

/**
 * What a client sent, made safe for a log line: printable text is kept as it is, everything else becomes visible
 * escapes, so that a line in the log is one line, shows what was sent, and cannot drive the terminal that displays
 * it ({@code ESC [2J}) nor make {@code grep} call the log a binary file. The text is what pop3x decoded: UTF-8, or
 * ISO-8859-1 for a line that is not UTF-8, whose octets then show as Latin-1 letters (0x80 to 0x9f escaped).
 *
 * <ul>
 *   <li>a control octet (C0, DEL): {@code \xHH} ({@code \x1b}, {@code \x00});</li>
 *   <li>a character that is not printable (C1 controls, format characters such as the right-to-left override,
 *       line and paragraph separators, private use, unassigned): <code>&#92;u{HHHH}</code>;</li>
 *   <li>beyond {@value #MAX_CHARACTERS} characters, the rest is cut and counted: {@code ...(+N)}.</li>
 * </ul>
 *
 * <p>A backslash is kept as it is: a client that types {@code \x1b} shows as one that sent ESC, which misleads no
 * terminal, and text escaped once (a user name pop3x keeps escaped) is not escaped again.
 *
 * <p>{@link #word} also escapes spaces, for a field that log readers cut at spaces (a user name in the line fail2ban
 * and CrowdSec read: {@code "bob with remote address 192.0.2.1"} as a user name must not name an address).
 */
public final class Untrusted {
    /** Enough for any user name, command or address; a longer text is cut. */
    public static final int MAX_CHARACTERS = 256;

    private Untrusted() {
    }

    /** Text decoded from what the client sent (a user name, a command's argument). */
    public static String text(String text) {
        return escape(text, false);
    }

    /** The same as {@link #text}, and spaces escaped too ({@code \x20}): one word, however the client wrote it. */
    public static String word(String text) {
        return escape(text, true);
    }

    /**
     * Whether the text has nothing {@link #text} would escape: no control character, nothing invisible. No user
     * name has such characters: one that does was not typed by a person.
     */
    public static boolean isPrintable(String text) {
        return text.codePoints().allMatch(codePoint -> codePoint >= 0x20 && (codePoint < 0x7f || codePoint > 0x7f && printable(codePoint)));
    }

    private static String escape(String text, boolean spaces) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARACTERS) + 16);
        int written = 0;
        for (int i = 0; i < text.length(); ) {
            if (written >= MAX_CHARACTERS) {
                return out.append("...(+").append(text.codePointCount(i, text.length())).append(')').toString();
            }
            int codePoint = text.codePointAt(i);
            appendCharacter(out, codePoint, spaces);
            i += Character.charCount(codePoint);
            written++;
        }
        return out.toString();
    }

    private static void appendCharacter(StringBuilder out, int codePoint, boolean spaces) {
        if (codePoint < 0x20 || codePoint == 0x7f || spaces && codePoint == ' ') {
            hex(out, (byte) codePoint);
        } else if (codePoint < 0x7f || printable(codePoint)) {
            out.appendCodePoint(codePoint);
        } else {
            out.append("\\u{").append(Integer.toHexString(codePoint)).append('}');
        }
    }

    private static boolean printable(int codePoint) {
        switch (Character.getType(codePoint)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.PRIVATE_USE:
            case Character.SURROGATE:
            case Character.UNASSIGNED:
                return false;
            default:
                return true;
        }
    }

    private static void hex(StringBuilder out, byte octet) {
        out.append("\\x").append(Character.forDigit((octet >> 4) & 0xf, 16)).append(Character.forDigit(octet & 0xf, 16));
    }
}
