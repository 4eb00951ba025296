package dev.pop3x.maildrop.maildir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;

import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.maildrop.maildir.uidl.CourierScheme;
import dev.pop3x.maildrop.maildir.uidl.DovecotUidlist;

/**
 * A maildir's listing as a scan found it, kept to answer the next login without reading the directories again while
 * nothing changed: as Dovecot's index, it is trusted only while the modification times of {@code new/}, {@code cur/}
 * pop3x's files and Dovecot's and Courier's UIDL files are those seen at the scan. A time is only trusted once it is a second old at the scan, so
 * that a change made within the same clock tick as the scan cannot hide behind an unchanged time.
 */
final class MaildirSnapshot {
    private static final Duration SETTLED = Duration.ofSeconds(1);
    private static final List<String> WATCHED = List.of("new", "cur", RetrievalLedger.FILE, VirtualSizes.FILE, DovecotUidlist.FILE, CourierScheme.SIZELIST,
        SavedUidls.FILE);

    private final List<FileTime> stamps;
    private final boolean settled;
    private final List<MaildropMessage> messages;
    private final Map<MaildropMessage, MaildirFile> files;

    private MaildirSnapshot(List<FileTime> stamps, boolean settled, List<MaildropMessage> messages, Map<MaildropMessage, MaildirFile> files) {
        this.stamps = stamps;
        this.settled = settled;
        this.messages = messages;
        this.files = files;
    }

    /** @param scanStart when the scan that produced the listing began */
    static MaildirSnapshot of(Path root, Instant scanStart, List<MaildropMessage> messages, Map<MaildropMessage, MaildirFile> files)
        throws IOException {
        List<FileTime> stamps = stamps(root);
        boolean settled = stamps.stream().allMatch(stamp -> stamp.toInstant().plus(SETTLED).isBefore(scanStart));
        return new MaildirSnapshot(stamps, settled, ImmutableList.copyOf(messages), ImmutableMap.copyOf(files));
    }

    /** True when the listing still describes the maildir. */
    boolean isCurrent(Path root) throws IOException {
        return settled && stamps.equals(stamps(root));
    }

    List<MaildropMessage> messages() {
        return messages;
    }

    Map<MaildropMessage, MaildirFile> files() {
        return files;
    }

    /** The message files this listing found, by path: what the next scan need not look at again. */
    Map<Path, MaildirFile> filesByPath() {
        Map<Path, MaildirFile> byPath = new HashMap<>();
        for (MaildirFile file : files.values()) {
            byPath.put(file.path(), file);
        }
        return byPath;
    }

    int size() {
        return messages.size();
    }

    private static List<FileTime> stamps(Path root) throws IOException {
        ImmutableList.Builder<FileTime> stamps = ImmutableList.builder();
        for (String name : WATCHED) {
            try {
                stamps.add(Files.getLastModifiedTime(root.resolve(name), LinkOption.NOFOLLOW_LINKS));
            } catch (NoSuchFileException missing) {
                stamps.add(FileTime.fromMillis(0));
            }
        }
        return stamps.build();
    }
}
