package dev.pop3x.maildrop.maildir.uidl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.files.AtomicFile;

/**
 * Gives the messages of a maildir that have no UID in {@code dovecot-uidlist} the UIDs Dovecot would give them: under
 * Dovecot's lock, the uidlist read again, the new base names sorted as Dovecot sorts them ({@link DovecotOrder}) and
 * numbered from the next UID, appended as {@code <uid> :<base name>} lines, as Dovecot appends (its header is left
 * as it is, Dovecot's readers take the next UID from the last line too). A missing uidlist is created (version 3, a new
 * UIDVALIDITY) unless Dovecot's index is there, whose state pop3x cannot read: then nothing is written.
 */
public final class UidAssignment {
    private static final Logger LOGGER = LoggerFactory.getLogger(UidAssignment.class);
    private static final String DOVECOT_INDEX = "dovecot.index";
    private static final String UIDVALIDITY_FILE = "dovecot-uidvalidity";

    private final Clock clock;
    private final boolean fsync;

    public UidAssignment(Clock clock, boolean fsync) {
        this.clock = clock;
        this.fsync = fsync;
    }

    /**
     * @param baseNames the messages in the maildir now
     * @param wait how long to wait for Dovecot's lock (zero: one try)
     * @return the uidlist with every one of them numbered, or empty when the lock is held by another process
     */
    public Optional<DovecotUidlist> assign(Path maildir, Collection<String> baseNames, Duration wait)
        throws IOException, UnusableUidlFile {
        Optional<UidlistLock> lock = UidlistLock.acquire(maildir, wait);
        if (lock.isEmpty()) {
            LOGGER.info("{} is locked by another process: new messages get their UIDs later", maildir.resolve(UidlistLock.FILE));
            return Optional.empty();
        }
        try (UidlistLock held = lock.get()) {
            Optional<DovecotUidlist> current = DovecotUidlist.read(maildir);
            if (current.isEmpty() && Files.exists(maildir.resolve(DOVECOT_INDEX))) {
                throw new UnusableUidlFile(maildir.resolve(DovecotUidlist.FILE), 0,
                    "missing while Dovecot's index (" + DOVECOT_INDEX + ") is there: let Dovecot rebuild it, pop3x will not guess its UIDs");
            }
            List<String> fresh = new ArrayList<>();
            for (String base : baseNames) {
                if (current.flatMap(uidlist -> uidlist.entry(base)).isEmpty()) {
                    fresh.add(base);
                }
            }
            if (fresh.isEmpty() && current.isPresent()) {
                return current;
            }
            fresh.sort(DovecotOrder.INSTANCE);
            long next = current.map(DovecotUidlist::nextUid).orElse(1L);
            StringBuilder lines = new StringBuilder();
            for (String base : fresh) {
                lines.append(next++).append(" :").append(base).append('\n');
            }
            if (current.isPresent() && current.get().version() == 3) {
                append(maildir.resolve(DovecotUidlist.FILE), lines.toString());
            } else {
                long uidValidity = current.map(DovecotUidlist::uidValidity).orElseGet(() -> newUidValidity(maildir));
                rewrite(maildir, uidValidity, next, current.map(DovecotUidlist::entries).orElse(Map.of()), lines.toString());
            }
            LOGGER.info("Gave {} new messages of {} UIDs {} to {} in {}", fresh.size(), maildir, next - fresh.size(), next - 1,
                DovecotUidlist.FILE);
            return DovecotUidlist.read(maildir);
        }
    }

    private void append(Path file, String lines) throws IOException {
        write(file, lines, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** Writes the text whole, flushed to disk when {@code maildir.fsync} is on. */
    private void write(Path file, String text, StandardOpenOption... options) throws IOException {
        try (FileChannel channel = FileChannel.open(file, options)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            if (fsync) {
                channel.force(false);
            }
        }
    }

    /** A new version 3 file, for a maildir that had none or had a version 1 one, which cannot be appended to. */
    private void rewrite(Path maildir, long uidValidity, long next, Map<String, DovecotUidlist.Entry> existing, String fresh)
        throws IOException {
        StringBuilder content = new StringBuilder()
            .append("3 V").append(uidValidity).append(" N").append(next).append(" G")
            .append(UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT)).append('\n');
        existing.entrySet().stream()
            .sorted(Comparator.comparingLong(entry -> entry.getValue().uid()))
            .forEach(entry -> content.append(entry.getValue().uid()).append(" :").append(entry.getKey()).append('\n'));
        content.append(fresh);
        AtomicFile.replace(maildir.resolve(DovecotUidlist.FILE), maildir, content.toString().getBytes(StandardCharsets.UTF_8), fsync);
    }

    /**
     * As Dovecot gives a new mailbox its UIDVALIDITY: above the last one given in this directory
     * ({@code dovecot-uidvalidity}, 8 hex digits), and at least the current time in seconds; recorded there.
     */
    private long newUidValidity(Path maildir) {
        Path file = maildir.resolve(UIDVALIDITY_FILE);
        long last = 0;
        try {
            if (Files.exists(file)) {
                last = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim(), 16);
            }
        } catch (IOException | NumberFormatException e) {
            LOGGER.warn("Ignoring unreadable {}", file, e);
        }
        long uidValidity = Math.min(0xFFFFFFFEL, Math.max(clock.instant().getEpochSecond(), last + 1));
        try {
            Files.writeString(file, String.format(Locale.ROOT, "%08x", uidValidity), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            LOGGER.warn("Cannot record the UIDVALIDITY {} in {}", uidValidity, file, e);
        }
        return uidValidity;
    }
}
