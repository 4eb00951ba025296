package dev.pop3x.maildrop.maildir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.pop3x.maildrop.StoreCalls;

/**
 * The retrieval ledger of the {@code maildir} backend: {@code pop3x-retrieved} in the Maildir, one line
 * {@code <base name> <epoch seconds>} per message a client retrieved in full, appended with one write (atomic, so
 * several sessions and nodes can append). Dovecot ignores the file; what it reads is the {@code S} flag, which
 * retrieval sets too. Compacting rewrites the file without the messages that are gone; a line lost to a race with a
 * compaction only makes a message look unretrieved, which the deletion policy never removes: safe.
 */
final class RetrievalLedger {
    static final String FILE = "pop3x-retrieved";

    private final Maildir maildir;
    private final Map<String, Instant> retrieved;
    private final int lines;

    private RetrievalLedger(Maildir maildir, Map<String, Instant> retrieved, int lines) {
        this.maildir = maildir;
        this.retrieved = retrieved;
        this.lines = lines;
    }

    /** A ledger to append to, for a session whose listing came from a snapshot that already holds the retrievals. */
    static RetrievalLedger forAppending(Maildir maildir) {
        return new RetrievalLedger(maildir, new HashMap<>(), 0);
    }

    static RetrievalLedger load(Maildir maildir) throws IOException {
        Map<String, Instant> retrieved = new HashMap<>();
        int lines = ControlFile.read(maildir, FILE, (base, seconds) ->
            retrieved.merge(base, Instant.ofEpochSecond(seconds), (first, later) -> first.isBefore(later) ? first : later));
        return new RetrievalLedger(maildir, retrieved, lines);
    }

    Optional<Instant> retrieved(String base) {
        return Optional.ofNullable(retrieved.get(base));
    }

    /** Appends the lines of several retrievals in one write. */
    void recordAll(Map<String, Instant> retrievals) throws IOException {
        if (retrievals.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        retrievals.forEach((base, when) -> lines.append(ControlFile.line(base, when.getEpochSecond())));
        // one write(2) with O_APPEND, so that lines appended by other sessions and nodes do not interleave with these
        ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        maildir.counted(StoreCalls.Kind.FILE_WRITE);
        try (FileChannel file = FileChannel.open(maildir.root().resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND)) {
            while (bytes.hasRemaining()) {
                file.write(bytes);
            }
        }
        retrievals.forEach(retrieved::putIfAbsent);
    }

    /** Rewrites the file without the messages that are no longer in the maildir, when there are any. */
    void compact(Set<String> present) throws IOException {
        if (lines == 0 || (lines == retrieved.size() && present.containsAll(retrieved.keySet()))) {
            return;
        }
        Map<String, Long> kept = new LinkedHashMap<>();
        retrieved.forEach((base, when) -> {
            if (present.contains(base)) {
                kept.put(base, when.getEpochSecond());
            }
        });
        ControlFile.write(maildir, FILE, kept);
    }
}
