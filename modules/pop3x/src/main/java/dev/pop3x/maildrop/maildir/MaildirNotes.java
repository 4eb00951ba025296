package dev.pop3x.maildrop.maildir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Optional;

import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.StoreCalls;
import dev.pop3x.maildrop.TextNotes;

/**
 * The notes of a maildir: the files {@code pop3x-note-<kind>} at its root, replaced atomically. The first read lists
 * them once (one directory read for every kind); a kind with no file costs nothing more.
 */
final class MaildirNotes extends TextNotes {
    static final String PREFIX = "pop3x-note-";

    private final Maildir maildir;

    MaildirNotes(Maildir maildir) {
        this.maildir = maildir;
    }

    /** A login reads one or two notes that most maildirs do not have: a {@code stat} each, no listing. */
    @Override
    protected Optional<String> textAtOpen(String name) throws MaildropException {
        if (QuietFiles.exists(maildir.root().resolve(PREFIX + name))) {
            return textNow(name);
        }
        maildir.counted(StoreCalls.Kind.FILE_READ);
        return Optional.empty();
    }

    @Override
    protected Optional<String> textNow(String name) throws MaildropException {
        return onDisk("read the note " + name, () -> {
            maildir.counted(StoreCalls.Kind.FILE_READ);
            try {
                return Optional.of(Files.readString(maildir.root().resolve(PREFIX + name), StandardCharsets.UTF_8));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    protected void save(String name, String text) throws MaildropException {
        onDisk("save the note " + name, () -> {
            maildir.writeAtomically(PREFIX + name, text.getBytes(StandardCharsets.UTF_8));
            return null;
        });
    }

    private <T> T onDisk(String what, FileCall<T> call) throws MaildropException {
        try {
            return call.run();
        } catch (IOException e) {
            throw MaildropException.temporary("Cannot " + what + " in " + maildir.root(), e);
        }
    }

    @FunctionalInterface
    private interface FileCall<T> {
        T run() throws IOException;
    }
}
