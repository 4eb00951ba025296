package dev.pop3x.maildrop;

import java.util.Optional;

import org.apache.james.core.Username;

import dev.pop3x.maildrop.MaildropLocks.NotesLock;

/**
 * A maildrop's notes whose updates run under the user's notes lock ({@link MaildropLocks#lockNotes}); an update
 * within an update, on the same thread, runs under the lock already held.
 */
final class LockedNotes implements MaildropNotes {
    private final MaildropNotes notes;
    private final MaildropLocks locks;
    private final Username user;
    private Thread holder;

    LockedNotes(MaildropNotes notes, MaildropLocks locks, Username user) {
        this.notes = notes;
        this.locks = locks;
        this.user = user;
    }

    @Override
    public <T> Optional<T> read(NoteKind<T> kind) throws MaildropException {
        return notes.read(kind);
    }

    @Override
    public <T> T update(NoteKind<T> kind, Change<T> change) throws MaildropException {
        synchronized (this) {
            if (holder == Thread.currentThread()) {
                return notes.update(kind, change);
            }
        }
        try (NotesLock lock = locks.lockNotes(user)) {
            synchronized (this) {
                holder = Thread.currentThread();
            }
            try {
                return notes.update(kind, change);
            } finally {
                synchronized (this) {
                    holder = null;
                }
            }
        }
    }
}
