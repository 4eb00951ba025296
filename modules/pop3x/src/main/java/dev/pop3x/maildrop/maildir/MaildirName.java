package dev.pop3x.maildrop.maildir;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The name of a message file in a Maildir: its base name (unique, kept for life), the sizes other programs put in
 * it ({@code ,S=} the file's size, {@code ,W=} its size with CRLF line ends, as Dovecot and Courier write them),
 * and the {@code :2,} flags (sorted letters: {@code S} seen, {@code T} trashed, ...).
 */
final class MaildirName {
    private static final String INFO = ":2,";
    private static final long ABSENT = -1;

    private final String base;
    private final String flags;
    // read from the base name once: a scan sorts and sizes thousands of names
    private final long size;
    private final long virtualSize;
    private final long deliverySeconds;
    private final long deliveryMicros;

    private MaildirName(String base, String flags) {
        this.base = base;
        this.flags = flags;
        this.size = numberAfter(base, ",S=", 18);
        this.virtualSize = numberAfter(base, ",W=", 18);
        long seconds = digits(base, 0, 18);
        this.deliverySeconds = seconds == ABSENT ? 0 : seconds;
        this.deliveryMicros = seconds == ABSENT ? 0 : micros(base);
    }

    /** The number of up to {@code max} digits right after the first {@code marker}, or ABSENT. */
    private static long numberAfter(String name, String marker, int max) {
        int at = name.indexOf(marker);
        return at < 0 ? ABSENT : digits(name, at + marker.length(), max);
    }

    /** The number of up to {@code max} digits starting at {@code from}, or ABSENT when there is no digit there. */
    private static long digits(String name, int from, int max) {
        long value = 0;
        int end = Math.min(name.length(), from + max);
        int i = from;
        for (; i < end; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
        }
        return i == from ? ABSENT : value;
    }

    /** {@code <seconds>.<...>M<micros>...}: the microseconds in the second part of the name, as Dovecot writes them. */
    private static long micros(String name) {
        int dot = name.indexOf('.');
        if (dot < 0) {
            return 0;
        }
        for (int i = dot + 1; i < name.length() && name.charAt(i) != '.'; i++) {
            if (name.charAt(i) == 'M') {
                long micros = digits(name, i + 1, 6);
                if (micros != ABSENT) {
                    return micros;
                }
            }
        }
        return 0;
    }

    /** Empty for names that are not messages (dot files, names with characters Maildir forbids). */
    static Optional<MaildirName> parse(String fileName) {
        if (fileName.isEmpty() || fileName.startsWith(".") || fileName.contains("/") || fileName.indexOf('\u0000') >= 0) {
            return Optional.empty();
        }
        int info = fileName.indexOf(':');
        if (info < 0) {
            return Optional.of(new MaildirName(fileName, ""));
        }
        if (!fileName.startsWith(INFO, info) || info == 0) {
            return Optional.empty();
        }
        return Optional.of(new MaildirName(fileName.substring(0, info), fileName.substring(info + INFO.length())));
    }

    static MaildirName of(String base) {
        return new MaildirName(base, "");
    }

    String base() {
        return base;
    }

    String flags() {
        return flags;
    }

    boolean hasFlag(char flag) {
        return flags.indexOf(flag) >= 0;
    }

    /** The same message with one more flag, letters kept sorted as the Maildir spec asks. */
    MaildirName withFlag(char flag) {
        if (hasFlag(flag)) {
            return this;
        }
        TreeSet<Character> letters = new TreeSet<>();
        flags.chars().forEach(c -> letters.add((char) c));
        letters.add(flag);
        StringBuilder sorted = new StringBuilder();
        letters.forEach(sorted::append);
        return new MaildirName(base, sorted.toString());
    }

    /** The file name in cur/: base and info. */
    String curName() {
        return base + INFO + flags;
    }

    OptionalLong size() {
        return size == ABSENT ? OptionalLong.empty() : OptionalLong.of(size);
    }

    OptionalLong virtualSize() {
        return virtualSize == ABSENT ? OptionalLong.empty() : OptionalLong.of(virtualSize);
    }

    /** The delivery time most programs start the name with (seconds since the epoch), for the order of messages. */
    long deliverySeconds() {
        return deliverySeconds;
    }

    /** The microseconds many programs put after {@code M} (Dovecot, pop3x), to order deliveries within a second. */
    long deliveryMicros() {
        return deliveryMicros;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaildirName && ((MaildirName) o).base.equals(base) && ((MaildirName) o).flags.equals(flags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(base, flags);
    }

    @Override
    public String toString() {
        return flags.isEmpty() ? base : curName();
    }
}
