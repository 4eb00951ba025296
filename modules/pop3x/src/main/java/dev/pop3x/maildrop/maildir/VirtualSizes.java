package dev.pop3x.maildrop.maildir;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import dev.pop3x.maildrop.MessageOctets;
import dev.pop3x.maildrop.StoreCalls;

/**
 * Sizes with CRLF line ends (what RETR sends) of the messages whose names do not carry {@code ,W=}: Postfix and
 * procmail write none. Each such message is read once, and its size kept in {@code pop3x-vsizes} in the maildir
 * (like Courier's {@code courierpop3dsizelist}), so that later sessions list it without reading it. The file is read
 * only when a listed message's name has no {@code ,W=}: mail delivered by pop3x or Dovecot costs no read of it.
 */
final class VirtualSizes {
    static final String FILE = "pop3x-vsizes";

    private final Maildir maildir;
    private final Map<String, Long> known = new HashMap<>();
    private boolean loaded;
    private boolean changed;

    private VirtualSizes(Maildir maildir) {
        this.maildir = maildir;
    }

    /** The sizes of this maildir, its file read when a message needs it. */
    static VirtualSizes of(Maildir maildir) {
        return new VirtualSizes(maildir);
    }

    private void load() throws IOException {
        if (!loaded) {
            ControlFile.read(maildir, FILE, known::put);
            loaded = true;
        }
    }

    /** The size with CRLF line ends; reads the file if it was never measured. Empty if it vanished. */
    OptionalLong of(MaildirFile file) throws IOException {
        if (file.name().virtualSize().isPresent()) {
            return file.name().virtualSize();
        }
        load();
        Long cached = known.get(file.name().base());
        if (cached != null) {
            return OptionalLong.of(cached);
        }
        maildir.counted(StoreCalls.Kind.FILE_READ);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file.path(), LinkOption.NOFOLLOW_LINKS), 64 * 1024)) {
            long size = measure(in);
            known.put(file.name().base(), size);
            changed = true;
            return OptionalLong.of(size);
        } catch (NoSuchFileException gone) {
            return OptionalLong.empty();
        }
    }

    static long measure(InputStream in) throws IOException {
        return MessageOctets.withCrlfLineEnds(in);
    }

    /** Saves what was measured, forgetting messages that are gone (when the file was read: else it is left as it is). */
    void save(Set<String> present) throws IOException {
        if (!loaded || (!changed && known.keySet().stream().allMatch(present::contains))) {
            return;
        }
        known.keySet().retainAll(present);
        ControlFile.write(maildir, FILE, known);
        changed = false;
    }
}
