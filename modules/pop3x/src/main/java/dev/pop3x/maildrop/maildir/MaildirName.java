package dev.pop3x.maildrop.maildir;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a message file in a Maildir: its base name (unique, kept for life), the sizes other programs put in
 * it ({@code ,S=} the file's size, {@code ,W=} its size with CRLF line ends, as Dovecot and Courier write them),
 * and the {@code :2,} flags (sorted letters: {@code S} seen, {@code T} trashed, ...).
 */
final class MaildirName {
    private static final Pattern SIZE = Pattern.compile(",S=(\\d{1,18})");
    private static final Pattern VIRTUAL_SIZE = Pattern.compile(",W=(\\d{1,18})");
    private static final Pattern LEADING_NUMBER = Pattern.compile("^(\\d{1,18})");
    private static final Pattern MICROSECONDS = Pattern.compile("^\\d+\\.[^.]*?M(\\d{1,6})");
    private static final String INFO = ":2,";

    private final String base;
    private final String flags;

    private MaildirName(String base, String flags) {
        this.base = base;
        this.flags = flags;
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
        return number(SIZE);
    }

    OptionalLong virtualSize() {
        return number(VIRTUAL_SIZE);
    }

    /** The delivery time most programs start the name with (seconds since the epoch), for the order of messages. */
    long deliverySeconds() {
        Matcher matcher = LEADING_NUMBER.matcher(base);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    /** The microseconds many programs put after {@code M} (Dovecot, pop3x), to order deliveries within a second. */
    long deliveryMicros() {
        Matcher matcher = MICROSECONDS.matcher(base);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    private OptionalLong number(Pattern pattern) {
        Matcher matcher = pattern.matcher(base);
        return matcher.find() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
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
