package dev.pop3x.maildrop.maildir;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;

import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.maildrop.maildir.uidl.CourierScheme;
import dev.pop3x.maildrop.maildir.uidl.DovecotUidlist;

/**
 * A maildir's listing as a scan found it, kept to answer the next login without reading the directories again while
 * nothing changed: as Dovecot's index, it is trusted only while the modification times of {@code new/}, {@code cur/},
 * pop3x's files and Dovecot's and Courier's UIDL files are those read before the scan ({@link Stamps}). A change during
 * or after the scan moves a time past them; one before them is in the scan. A time is only trusted once it is a second
 * old at the scan, so that a change made within the same clock tick as the last one cannot hide behind an unchanged
 * time.
 */
final class MaildirSnapshot {
    private static final Duration SETTLED = Duration.ofSeconds(1);
    private static final List<String> WATCHED = List.of("new", "cur", RetrievalLedger.FILE, VirtualSizes.FILE, DovecotUidlist.FILE, CourierScheme.SIZELIST,
        SavedUidls.FILE);

    private final Stamps stamps;
    private final boolean settled;
    private final List<MaildropMessage> messages;
    private final Map<MaildropMessage, MaildirFile> files;
    private final Map<String, MaildirFile> filesByEntry;

    private MaildirSnapshot(Stamps stamps, boolean settled, List<MaildropMessage> messages, Map<MaildropMessage, MaildirFile> files) {
        this.stamps = stamps;
        this.settled = settled;
        this.messages = messages;
        this.files = files;
        this.filesByEntry = files.values().stream().collect(ImmutableMap.toImmutableMap(MaildirFile::entry, file -> file, (first, same) -> first));
    }

    /**
     * @param beforeScan the maildir's times, read before the scan that produced the listing
     * @param scanStart when that scan began, after the times were read
     */
    static MaildirSnapshot of(Stamps beforeScan, Instant scanStart, List<MaildropMessage> messages, Map<MaildropMessage, MaildirFile> files) {
        boolean settled = beforeScan.times.stream().allMatch(stamp -> stamp.toInstant().plus(SETTLED).isBefore(scanStart));
        return new MaildirSnapshot(beforeScan, settled, ImmutableList.copyOf(messages), ImmutableMap.copyOf(files));
    }

    /** True when the listing still describes the maildir whose times are these. */
    boolean isCurrent(Stamps now) {
        return settled && stamps.equals(now);
    }

    List<MaildropMessage> messages() {
        return messages;
    }

    Map<MaildropMessage, MaildirFile> files() {
        return files;
    }

    /** The message files this listing found, by {@link MaildirFile#entry()}: what the next scan need not look at again. */
    Map<String, MaildirFile> filesByEntry() {
        return filesByEntry;
    }

    int size() {
        return messages.size();
    }

    /**
     * The modification times of what a listing depends on, one {@code stat} each, to the millisecond (the
     * second's wait covers a change within the same millisecond); a missing file has time zero, as most maildirs
     * lack most of the control files.
     */
    static final class Stamps {
        private final List<FileTime> times;

        private Stamps(List<FileTime> times) {
            this.times = times;
        }

        static Stamps of(Path root) {
            ImmutableList.Builder<FileTime> times = ImmutableList.builder();
            for (String name : WATCHED) {
                times.add(QuietFiles.modified(root.resolve(name)));
            }
            return new Stamps(times.build());
        }

        /** Whether {@code new/} and {@code cur/} were there. */
        boolean withMessageDirectories() {
            return times.get(0).toMillis() != 0 && times.get(1).toMillis() != 0;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Stamps && times.equals(((Stamps) o).times);
        }

        @Override
        public int hashCode() {
            return times.hashCode();
        }
    }
}
