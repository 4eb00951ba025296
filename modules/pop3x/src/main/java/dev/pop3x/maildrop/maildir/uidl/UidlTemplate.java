package dev.pop3x.maildrop.maildir.uidl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.google.common.collect.ImmutableList;
import com.google.common.hash.Hashing;

/**
 * A POP3 unique-id template in Dovecot 2.3's {@code pop3_uidl_format} syntax, expanded as Dovecot's
 * {@code var_expand} does, so that a Maildir Dovecot served keeps its UIDLs: {@code %08Xu%08Xv} (Dovecot's default),
 * {@code %f}, {@code %v.%u}, {@code UID%u-%v}... or in Dovecot 2.4's syntax ({@link VarExpandTemplate}:
 * {@code %{uid | hex(8)}%{uidvalidity | hex(8)}}, its default), taken when every {@code %} opens a {@code %{}.
 *
 * <p>Variables: {@code %u} or {@code %{uid}} (the IMAP UID), {@code %v} or {@code %{uidvalidity}}, {@code %f} or
 * {@code %{filename}} (the base file name), {@code %g} or {@code %{guid}} (the message GUID, else the base name), and
 * {@code %%}. Each variable takes {@code [-][0][width][.[0][-]width]} (offset, width, zero padding) and modifiers
 * applied left to right: {@code L} lower case, {@code U} upper case, {@code X} decimal to lower-case hex, {@code R}
 * reverse, {@code M} MD5 in hex, {@code T} trim, {@code E} escape. Dovecot's {@code %m} (an mbox header digest) and
 * its {@code H}, {@code N}, {@code D} modifiers are refused.
 */
public final class UidlTemplate implements UidlScheme {
    private static final Map<String, Character> LONG_KEYS = Map.of("uid", 'u', "uidvalidity", 'v', "filename", 'f', "guid", 'g');
    private static final String KEYS = "uvfg";
    private static final String MODIFIERS = "LUXRMTE";

    /** What a message gives a template: its keys. */
    public interface Message {
        long uid();

        long uidValidity();

        String baseName();

        /** The GUID Dovecot recorded, else the base name, as Dovecot gives {@code %g} on a Maildir. */
        String guid();
    }

    /** A piece of an expanded unique-id: literal text, or a variable as its template shapes it. */
    interface Segment {
        String expand(Message message);

        /** Whether it reads the UID or the UIDVALIDITY. */
        boolean readsUids();
    }

    private final String source;
    private final List<Segment> parts;

    private UidlTemplate(String source, List<Segment> parts) {
        this.source = source;
        this.parts = parts;
    }

    /** @throws IllegalArgumentException naming what is wrong in the template */
    public static UidlTemplate parse(String template) {
        if (VarExpandTemplate.isItsSyntax(template)) {
            return new UidlTemplate(template, VarExpandTemplate.parse(template));
        }
        List<Segment> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        boolean hasVariable = false;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '%') {
                literal.append(c);
                i++;
                continue;
            }
            int start = i;
            i++;
            int sign = 1;
            if (at(template, i) == '-') {
                sign = -1;
                i++;
            }
            boolean zeroPadding = false;
            if (at(template, i) == '0') {
                zeroPadding = true;
                i++;
            }
            int width = 0;
            while (Character.isDigit(at(template, i))) {
                width = width * 10 + (template.charAt(i++) - '0');
            }
            int offset = 0;
            if (at(template, i) == '.') {
                offset = sign * width;
                sign = 1;
                width = 0;
                i++;
                zeroPadding = false;
                if (at(template, i) == '0') {
                    zeroPadding = true;
                    i++;
                }
                if (at(template, i) == '-') {
                    sign = -1;
                    i++;
                }
                while (Character.isDigit(at(template, i))) {
                    width = width * 10 + (template.charAt(i++) - '0');
                }
                width = sign * width;
            }
            StringBuilder modifiers = new StringBuilder();
            while (at(template, i) != 0 && MODIFIERS.indexOf(at(template, i)) >= 0) {
                modifiers.append(template.charAt(i++));
            }
            char key = at(template, i);
            if (key == 0) {
                throw new IllegalArgumentException("'" + template + "' ends in the middle of a variable, at " + template.substring(start));
            }
            if (key == '{') {
                int end = template.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("'" + template + "' has a '%{' without its '}'");
                }
                String name = template.substring(i + 1, end);
                Character shortKey = LONG_KEYS.get(name);
                if (shortKey == null) {
                    throw new IllegalArgumentException("'" + template + "' has an unknown variable %{" + name + "}: use uid, uidvalidity, filename or guid");
                }
                key = shortKey;
                i = end + 1;
            } else {
                i++;
            }
            if (key == '%') {
                literal.append('%');
                continue;
            }
            if (KEYS.indexOf(key) < 0) {
                throw new IllegalArgumentException("'" + template + "' has an unknown variable %" + key
                    + (key == 'm' ? " (Dovecot's %m is for mbox only)" : "") + ": use %u, %v, %f or %g"
                    + ("HND".indexOf(key) >= 0 ? " (pop3x does not support Dovecot's " + key + " modifier)" : ""));
            }
            if (literal.length() > 0) {
                parts.add(Part.literal(literal.toString()));
                literal.setLength(0);
            }
            parts.add(new Part(key, offset, width, zeroPadding, modifiers.toString(), null));
            hasVariable = true;
        }
        if (literal.length() > 0) {
            parts.add(Part.literal(literal.toString()));
        }
        if (!hasVariable) {
            throw new IllegalArgumentException("'" + template + "' has no variable: every message would get the same UIDL");
        }
        return new UidlTemplate(template, ImmutableList.copyOf(parts));
    }

    private static char at(String text, int index) {
        return index < text.length() ? text.charAt(index) : 0;
    }

    /** True when the template reads a UID or the UIDVALIDITY, which only dovecot-uidlist holds. */
    public boolean needsUids() {
        return parts.stream().anyMatch(Segment::readsUids);
    }

    @Override
    public MaildirUidls name(Path maildir, Map<String, ScannedMessage> messages, UidlWriters writers) throws IOException, UnusableUidlFile {
        return MaildirUidls.of(maildir, this, new ArrayList<>(messages.keySet()), writers.dovecot());
    }

    @Override
    public boolean numbersAtDelivery() {
        return needsUids();
    }

    public String expand(Message message) {
        StringBuilder uidl = new StringBuilder();
        for (Segment part : parts) {
            uidl.append(part.expand(message));
        }
        return uidl.toString();
    }

    @Override
    public String toString() {
        return source;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UidlTemplate && source.equals(((UidlTemplate) other).source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    private static final class Part implements Segment {
        private final char key;
        private final int offset;
        private final int width;
        private final boolean zeroPadding;
        private final String modifiers;
        private final String literal;

        Part(char key, int offset, int width, boolean zeroPadding, String modifiers, String literal) {
            this.key = key;
            this.offset = offset;
            this.width = width;
            this.zeroPadding = zeroPadding;
            this.modifiers = modifiers;
            this.literal = literal;
        }

        static Part literal(String text) {
            return new Part((char) 0, 0, 0, false, "", text);
        }

        @Override
        public boolean readsUids() {
            return key == 'u' || key == 'v';
        }

        @Override
        public String expand(Message message) {
            if (literal != null) {
                return literal;
            }
            String value = value(message);
            for (int m = 0; m < modifiers.length(); m++) {
                value = modifier(modifiers.charAt(m)).apply(value);
            }
            if (offset < 0) {
                value = value.length() > -offset ? value.substring(value.length() + offset) : value;
            } else {
                value = value.substring(Math.min(offset, value.length()));
            }
            if (width == 0) {
                return value;
            }
            if (!zeroPadding) {
                int keep = width < 0 ? value.length() + width : width;
                return value.substring(0, Math.max(0, Math.min(keep, value.length())));
            }
            return "0".repeat(Math.max(0, width - value.length())) + value;
        }

        private String value(Message message) {
            switch (key) {
                case 'u':
                    return Long.toString(message.uid());
                case 'v':
                    return Long.toString(message.uidValidity());
                case 'f':
                    return message.baseName();
                default:
                    return message.guid();
            }
        }

        private static UnaryOperator<String> modifier(char modifier) {
            switch (modifier) {
                case 'L':
                    return value -> value.toLowerCase(Locale.ROOT);
                case 'U':
                    return value -> value.toUpperCase(Locale.ROOT);
                case 'X':
                    return Part::hex;
                case 'R':
                    return value -> new StringBuilder(value).reverse().toString();
                case 'M':
                    return value -> Hashing.md5().hashString(value, StandardCharsets.UTF_8).toString();
                case 'T':
                    return value -> value.replaceAll("\\s+$", "");
                default:
                    return value -> value.replace("\\", "\\\\").replace("\"", "\\\"").replace("'", "\\'");
            }
        }

        /** Dovecot's X: a decimal number in lower-case hex, 0 for anything else. */
        private static String hex(String value) {
            try {
                return Long.toHexString(Long.parseUnsignedLong(value));
            } catch (NumberFormatException e) {
                return "0";
            }
        }
    }
}
