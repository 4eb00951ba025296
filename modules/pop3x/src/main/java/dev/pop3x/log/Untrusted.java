package dev.pop3x.log;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What a client sent, made safe for a log line: printable text is kept as it is, everything else becomes visible
 * escapes, so that a line in the log is one line, shows what was sent, and cannot drive the terminal that displays
 * it ({@code ESC [2J}) nor make {@code grep} call the log a binary file.
 *
 * <ul>
 *   <li>a control octet (C0, DEL) and the backslash: {@code \xHH} ({@code \x1b}, {@code \x00}, {@code \x5c});</li>
 *   <li>an octet that is not part of valid UTF-8: {@code \xHH};</li>
 *   <li>a character that is not printable (C1 controls, format characters such as the right-to-left override,
 *       line and paragraph separators, private use, unassigned): <code>&#92;u{HHHH}</code>;</li>
 *   <li>beyond {@value #MAX_CHARACTERS} characters, the rest is cut and counted: {@code ...(+N)}.</li>
 * </ul>
 *
 * <p>{@link #word} also escapes spaces, for a field that log readers cut at spaces (a user name in the line fail2ban
 * and CrowdSec read: {@code "bob with remote address 192.0.2.1"} as a user name must not name an address).
 */
public final class Untrusted {
    /** Enough for any user name, command or address; a longer text is cut. */
    public static final int MAX_CHARACTERS = 256;

    private Untrusted() {
    }

    /** The octets as received (the line of a command, a SASL response): valid UTF-8 as text, the rest escaped. */
    public static String bytes(byte[] octets) {
        StringBuilder out = new StringBuilder(Math.min(octets.length, MAX_CHARACTERS) + 16);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(octets);
        CharBuffer one = CharBuffer.allocate(2);
        int written = 0;
        while (in.hasRemaining()) {
            if (written >= MAX_CHARACTERS) {
                return out.append("...(+").append(in.remaining()).append(" octets)").toString();
            }
            int start = in.position();
            int length = sequenceLength(octets[start]);
            if (length > 0 && start + length <= octets.length && decodes(utf8, octets, start, length, one)) {
                appendCharacter(out, Character.codePointAt(one, 0), false);
                in.position(start + length);
            } else {
                hex(out, octets[start]);
                in.position(start + 1);
            }
            written++;
        }
        return out.toString();
    }

    /** Text decoded from what the client sent (a user name, a command's argument). */
    public static String text(String text) {
        return escape(text, false);
    }

    /** The same as {@link #text}, and spaces escaped too ({@code \x20}): one word, however the client wrote it. */
    public static String word(String text) {
        return escape(text, true);
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
        if (codePoint < 0x20 || codePoint == 0x7f || codePoint == '\\' || spaces && codePoint == ' ') {
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

    /** The length of the UTF-8 sequence this octet starts, or 0 if it starts none. */
    private static int sequenceLength(byte first) {
        int octet = first & 0xff;
        if (octet < 0x80) {
            return 1;
        }
        if (octet >= 0xc2 && octet <= 0xdf) {
            return 2;
        }
        if (octet >= 0xe0 && octet <= 0xef) {
            return 3;
        }
        if (octet >= 0xf0 && octet <= 0xf4) {
            return 4;
        }
        return 0;
    }

    private static boolean decodes(CharsetDecoder utf8, byte[] octets, int start, int length, CharBuffer into) {
        utf8.reset();
        into.clear();
        if (utf8.decode(ByteBuffer.wrap(octets, start, length), into, true).isError()) {
            return false;
        }
        into.flip();
        return into.hasRemaining();
    }
}
