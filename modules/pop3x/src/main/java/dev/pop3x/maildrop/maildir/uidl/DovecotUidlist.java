package dev.pop3x.maildrop.maildir.uidl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A Maildir's {@code dovecot-uidlist} as Dovecot 2.x writes it: version 3 ({@code 3 V<uidvalidity> N<next uid>
 * G<guid>}, then {@code <uid> [<key><value> ...] :<base name>} per message) or version 1 ({@code 1 <uidvalidity>
 * <next uid>}, then {@code <uid> <base name>}), read by Dovecot's rules: UIDs strictly increasing, the next UID at
 * least the last one plus one, a {@code P} record (the UIDL {@code pop3_save_uidl} saved; empty for the base name)
 * and a {@code G} record (the message GUID) kept per base name. A file Dovecot would refuse is {@link UnusableUidlFile}:
 * Dovecot deletes such a file and numbers every message again; pop3x never touches it.
 */
public final class DovecotUidlist {
    public static final String FILE = "dovecot-uidlist";

    private final int version;
    private final long uidValidity;
    private final long nextUid;
    private final Map<String, Entry> entries;

    /** One message's line: its UID and what Dovecot recorded of it. */
    public static final class Entry {
        private final long uid;
        private final Optional<String> savedUidl;
        private final Optional<String> guid;
        private final OptionalLong pop3Order;

        Entry(long uid, Optional<String> savedUidl, Optional<String> guid, OptionalLong pop3Order) {
            this.uid = uid;
            this.savedUidl = savedUidl;
            this.guid = guid;
            this.pop3Order = pop3Order;
        }

        public long uid() {
            return uid;
        }

        /** The UIDL of a {@code P} record; an empty {@code P} is the base name. */
        public Optional<String> savedUidl(String baseName) {
            return savedUidl.map(value -> value.isEmpty() ? baseName : value);
        }

        public Optional<String> guid() {
            return guid;
        }

        /** An {@code O} record: where POP3 lists the message, before the messages without one. */
        public OptionalLong pop3Order() {
            return pop3Order;
        }
    }

    /** A file Dovecot would not accept, and why. */
    private DovecotUidlist(int version, long uidValidity, long nextUid, Map<String, Entry> entries) {
        this.version = version;
        this.uidValidity = uidValidity;
        this.nextUid = nextUid;
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** Empty when the Maildir has no dovecot-uidlist. */
    public static Optional<DovecotUidlist> read(Path maildir) throws IOException, UnusableUidlFile {
        Path file = maildir.resolve(FILE);
        if (!file.toFile().exists()) {
            // most maildirs have none: a stat, where the read would throw an exception that costs more than the call
            return Optional.empty();
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(parse(file, new String(content, StandardCharsets.UTF_8)));
    }

    static DovecotUidlist parse(Path file, String content) throws UnusableUidlFile {
        if (content.isEmpty() || content.charAt(content.length() - 1) != '\n') {
            throw new UnusableUidlFile(file, 1, content.isEmpty() ? "empty" : "the last line is not complete");
        }
        String[] lines = content.substring(0, content.length() - 1).split("\n", -1);
        String[] header = lines[0].split(" +");
        int version;
        long uidValidity;
        long nextUid;
        if (header[0].equals("3")) {
            version = 3;
            uidValidity = 0;
            nextUid = 1;
            for (int i = 1; i < header.length; i++) {
                String field = header[i];
                if (field.startsWith("V")) {
                    uidValidity = number(file, 1, field.substring(1), "UIDVALIDITY");
                } else if (field.startsWith("N")) {
                    nextUid = number(file, 1, field.substring(1), "next UID");
                }
            }
        } else if (header[0].equals("1") && header.length >= 3) {
            version = 1;
            uidValidity = number(file, 1, header[1], "UIDVALIDITY");
            nextUid = number(file, 1, header[2], "next UID");
        } else {
            throw new UnusableUidlFile(file, 1, "unsupported version or corrupt header '" + lines[0] + "'");
        }
        if (uidValidity == 0) {
            throw new UnusableUidlFile(file, 1, "no UIDVALIDITY");
        }
        Map<String, Entry> entries = new HashMap<>();
        long lastUid = 0;
        for (int n = 1; n < lines.length; n++) {
            String line = lines[n];
            int space = line.indexOf(' ');
            if (space <= 0) {
                throw new UnusableUidlFile(file, n + 1, "no UID and name in '" + line + "'");
            }
            long uid = number(file, n + 1, line.substring(0, space), "UID");
            if (uid <= lastUid) {
                throw new UnusableUidlFile(file, n + 1, "UIDs not ordered (" + uid + " after " + lastUid + ")");
            }
            if (version == 1 && uid >= nextUid) {
                throw new UnusableUidlFile(file, n + 1, "UID " + uid + " not below the next UID " + nextUid);
            }
            lastUid = uid;
            String rest = line.substring(space + 1);
            Optional<String> saved = Optional.empty();
            Optional<String> guid = Optional.empty();
            OptionalLong order = OptionalLong.empty();
            String base;
            if (version == 1) {
                base = rest;
            } else {
                int colon = rest.indexOf(':');
                if (colon < 0) {
                    throw new UnusableUidlFile(file, n + 1, "no ':' before the name");
                }
                for (String extension : rest.substring(0, colon).trim().split(" +")) {
                    if (extension.isEmpty()) {
                        continue;
                    }
                    char key = extension.charAt(0);
                    String value = extension.substring(1);
                    if (key == 'P') {
                        saved = Optional.of(value);
                    } else if (key == 'G') {
                        guid = Optional.of(value);
                    } else if (key == 'O') {
                        order = OptionalLong.of(number(file, n + 1, value, "POP3 order"));
                    }
                }
                base = rest.substring(colon + 1);
            }
            if (base.isEmpty() || base.indexOf('/') >= 0) {
                throw new UnusableUidlFile(file, n + 1, "a bad file name '" + base + "'");
            }
            int info = base.indexOf(':');
            entries.put(info < 0 ? base : base.substring(0, info), new Entry(uid, saved, guid, order));
        }
        return new DovecotUidlist(version, uidValidity, Math.max(nextUid, lastUid + 1), entries);
    }

    private static long number(Path file, int line, String text, String what) throws UnusableUidlFile {
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new UnusableUidlFile(file, line, "bad " + what + " '" + text + "'");
        }
        long value = Long.parseLong(text);
        if (value == 0 || value > 0xFFFFFFFEL) {
            throw new UnusableUidlFile(file, line, what + " " + value + " out of range");
        }
        return value;
    }

    public int version() {
        return version;
    }

    public long uidValidity() {
        return uidValidity;
    }

    /** The UID the next new message gets. */
    public long nextUid() {
        return nextUid;
    }

    public Optional<Entry> entry(String baseName) {
        return Optional.ofNullable(entries.get(baseName));
    }

    public int size() {
        return entries.size();
    }

    /** Every message's line, by base name. */
    Map<String, Entry> entries() {
        return entries;
    }
}
