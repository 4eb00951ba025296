package dev.pop3x.maildrop.maildir.uidl;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.pop3x.files.AtomicFile;

/**
 * A Maildir's {@code courierpop3dsizelist}, as Courier's pop3d keeps it (courier-libs {@code imap/pop3dserver.C}):
 * a header {@code /<version> <next uid> <uidvalidity>} (versions 3 and 2), then {@code <file name> <size>
 * <uid>:<uidvalidity>[:<utf8>]} per message; the UIDL is {@code UID<uid>-<uidvalidity>} ({@code UID<uid>} when the
 * UIDVALIDITY is 0, the file name escaped when the uid is 0). The versions of Courier before 2003 are read too
 * ({@code /1 <next uid>} with {@code <file name> <size> <uid>} lines, and no header with {@code <file name> <size>}),
 * which today's Courier would discard and number again. A header pop3x cannot read is {@link UnusableUidlFile}.
 */
final class CourierSizelist {
    static final String FILE = "courierpop3dsizelist";

    private static final Pattern HEADER = Pattern.compile("/(\\d+) (\\d+)(?: (\\d+))?.*");
    private static final Pattern ENTRY = Pattern.compile("(\\d+) (\\d+):(\\d+)(?::(-?\\d+))?");
    private static final Pattern OLD_ENTRY = Pattern.compile("(\\d+)(?: (\\d+))?");

    private final long nextUid;
    private final long uidValidity;
    /** By base name, in Courier's order. */
    private final Map<String, Entry> entries;

    /** One message's line. */
    private static final class Entry {
        private final String fileName;
        private final long size;
        private final long uid;
        private final long uidValidity;
        private final boolean utf8;

        Entry(String fileName, long size, long uid, long uidValidity, boolean utf8) {
            this.fileName = fileName;
            this.size = size;
            this.uid = uid;
            this.uidValidity = uidValidity;
            this.utf8 = utf8;
        }

        Entry renamed(String newName) {
            return new Entry(newName, size, uid, uidValidity, utf8);
        }

        String uidl() {
            if (uid != 0) {
                return uidValidity != 0 ? "UID" + uid + "-" + uidValidity : "UID" + uid;
            }
            StringBuilder escaped = new StringBuilder();
            for (byte octet : baseName(fileName).getBytes(StandardCharsets.ISO_8859_1)) {
                if (octet < 0x21 || octet > 0x7E || octet == '\'' || octet == '"' || octet == '+') {
                    escaped.append(String.format("+%02X", octet & 0xFF));
                } else {
                    escaped.append((char) octet);
                }
            }
            return escaped.toString();
        }

        String line() {
            return fileName + " " + size + " " + uid + ":" + uidValidity + ":" + (utf8 ? 1 : 0) + "\n";
        }
    }

    private CourierSizelist(long nextUid, long uidValidity, Map<String, Entry> entries) {
        this.nextUid = nextUid;
        this.uidValidity = uidValidity;
        this.entries = entries;
    }

    /** The file name up to Courier's separator of flags. */
    static String baseName(String fileName) {
        int colon = fileName.indexOf(':');
        return colon < 0 ? fileName : fileName.substring(0, colon);
    }

    /** What the file says, and its version; empty when there is none. */
    private static Optional<Read> read(Path maildir) throws IOException, UnusableUidlFile {
        Path file = maildir.resolve(FILE);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException missing) {
            return Optional.empty();
        }
        int version = 0;
        long nextUid = 1;
        long uidValidity = 0;
        int first = 0;
        if (!lines.isEmpty() && lines.get(0).startsWith("/")) {
            Matcher header = HEADER.matcher(lines.get(0));
            if (!header.matches() || Integer.parseInt(header.group(1)) > 3 || (Integer.parseInt(header.group(1)) >= 2 && header.group(3) == null)) {
                throw new UnusableUidlFile(file, 1, "not a header of a version Courier wrote: '" + lines.get(0) + "'");
            }
            version = Integer.parseInt(header.group(1));
            nextUid = Long.parseLong(header.group(2));
            uidValidity = header.group(3) == null ? 0 : Long.parseLong(header.group(3));
            first = 1;
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (String line : lines.subList(first, lines.size())) {
            parse(line, version).ifPresent(entry -> entries.put(baseName(entry.fileName), entry));
        }
        return Optional.of(new Read(version, new CourierSizelist(nextUid, uidValidity, entries)));
    }

    /** A line as Courier reads it: the file name is what stands before the last two fields (one, before version 1). */
    private static Optional<Entry> parse(String line, int version) {
        int last = line.lastIndexOf(' ');
        int beforeLast = last <= 0 ? -1 : line.lastIndexOf(' ', last - 1);
        if (version >= 2) {
            Matcher fields = beforeLast > 0 ? ENTRY.matcher(line.substring(beforeLast + 1)) : null;
            if (fields == null || !fields.matches()) {
                return Optional.empty();
            }
            return Optional.of(new Entry(line.substring(0, beforeLast), Long.parseLong(fields.group(1)), Long.parseLong(fields.group(2)),
                Long.parseLong(fields.group(3)), fields.group(4) != null && Integer.parseInt(fields.group(4)) != 0));
        }
        int nameEnd = version == 1 ? beforeLast : last;
        Matcher fields = nameEnd > 0 ? OLD_ENTRY.matcher(line.substring(nameEnd + 1)) : null;
        if (fields == null || !fields.matches() || (version == 1) != (fields.group(2) != null)) {
            return Optional.empty();
        }
        long uid = version == 1 ? Long.parseLong(fields.group(2)) : 0;
        return Optional.of(new Entry(line.substring(0, nameEnd), Long.parseLong(fields.group(1)), uid, 0, false));
    }

    /** A file as read, with its version. */
    private static final class Read {
        private final int version;
        private final CourierSizelist sizelist;

        Read(int version, CourierSizelist sizelist) {
            this.version = version;
            this.sizelist = sizelist;
        }
    }

    /** The messages' unique-ids, by base name. */
    Map<String, String> uidls() {
        Map<String, String> uidls = new LinkedHashMap<>();
        entries.forEach((base, entry) -> uidls.put(base, entry.uidl()));
        return uidls;
    }

    /** The base names in the order Courier lists them. */
    List<String> order() {
        return new ArrayList<>(entries.keySet());
    }

    /**
     * Courier's order of messages ({@code msglist::operator<}): by the number the file name starts with (its delivery
     * time), then by the name up to the flags, octet by octet as C compares signed chars.
     */
    static final Comparator<String> ORDER = (a, b) -> {
        int byTime = Long.compare(leadingNumber(a), leadingNumber(b));
        if (byTime != 0) {
            return byTime;
        }
        byte[] left = (a + ":").getBytes(StandardCharsets.ISO_8859_1);
        byte[] right = (b + ":").getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < left.length || i < right.length; i++) {
            byte x = i < left.length ? left[i] : 0;
            byte y = i < right.length ? right[i] : 0;
            if (x == ':' && y == ':') {
                return 0;
            }
            if (x != y) {
                return Byte.compare(x, y);
            }
        }
        return 0;
    };

    /** C's {@code atol}: the leading decimal digits, 0 when there are none. */
    private static long leadingNumber(String name) {
        long value = 0;
        for (int i = 0; i < name.length() && Character.isDigit(name.charAt(i)) && value < Long.MAX_VALUE / 10 - 9; i++) {
            value = value * 10 + (name.charAt(i) - '0');
        }
        return value;
    }

    /**
     * Numbers the maildir's messages as Courier's pop3d does at login ({@code sortmsgs}): known files keep their uid,
     * UIDVALIDITY and size; new ones, in Courier's order, get the next uids with the file's UIDVALIDITY (the current
     * time when there is no file); the file is written anew (version 3, through tmp/ and a rename, as Courier writes
     * it) when a message came or went or its version was older. Courier takes no lock on the file: while Courier
     * still serves the maildir, a login to each at the same instant can number the same new message twice.
     */
    static final class Numbering {
        private final Clock clock;
        private final boolean fsync;

        Numbering(Clock clock, boolean fsync) {
            this.clock = clock;
            this.fsync = fsync;
        }

        CourierSizelist number(Path maildir, Map<String, ScannedMessage> messages) throws IOException, UnusableUidlFile {
            Optional<Read> current = read(maildir);
            if (messages.isEmpty()) {
                return new CourierSizelist(current.map(read -> read.sizelist.nextUid).orElse(1L), 0, new LinkedHashMap<>());
            }
            long uidValidity = current.map(read -> read.sizelist.uidValidity).orElse(clock.instant().getEpochSecond());
            long nextUid = current.map(read -> read.sizelist.nextUid).orElse(1L);
            Map<String, Entry> known = current.map(read -> read.sizelist.entries).orElse(Map.of());
            List<String> bases = new ArrayList<>(messages.keySet());
            bases.sort(ORDER);
            boolean changed = current.isEmpty() || current.get().version != 3 || !messages.keySet().containsAll(known.keySet());
            Map<String, Entry> entries = new LinkedHashMap<>();
            for (String base : bases) {
                ScannedMessage message = messages.get(base);
                String fileName = courierName(message.file().getFileName().toString());
                Entry entry = known.get(base);
                if (entry == null) {
                    entry = new Entry(fileName, message.octets(), nextUid++, uidValidity, hasEightBitHeader(message.file()));
                    changed = true;
                } else {
                    entry = entry.renamed(fileName);
                }
                entries.put(base, entry);
            }
            CourierSizelist numbered = new CourierSizelist(nextUid, uidValidity, entries);
            if (changed) {
                numbered.write(maildir, fsync);
            }
            return numbered;
        }
    }

    /**
     * The name Courier knows a file by: its pop3d moves mail from new/ to cur/ adding {@code :2,} before it reads this
     * file, and matches names up to the {@code :} only when both have one.
     */
    private static String courierName(String fileName) {
        return fileName.indexOf(':') < 0 ? fileName + ":2," : fileName;
    }

    /** Courier marks such mail as UTF-8 ({@code RFC2045_ERR8BITHEADER}), to wrap it for clients that did not ask for it. */
    private static boolean hasEightBitHeader(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            int previous = '\n';
            for (int octet = in.read(); octet != -1; octet = in.read()) {
                if (octet == '\n' && previous == '\n') {
                    return false;
                }
                if (octet >= 0x80) {
                    return true;
                }
                if (octet != '\r') {
                    previous = octet;
                }
            }
            return false;
        } catch (NoSuchFileException gone) {
            return false;
        }
    }

    private void write(Path maildir, boolean fsync) throws IOException {
        StringBuilder content = new StringBuilder("/3 " + nextUid + " " + uidValidity + "\n");
        entries.values().forEach(entry -> content.append(entry.line()));
        AtomicFile.replace(maildir.resolve(FILE), maildir.resolve("tmp"), content.toString().getBytes(StandardCharsets.ISO_8859_1), fsync);
    }

}
