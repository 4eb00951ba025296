package dev.pop3x.maildrop;

import java.util.Optional;

/**
 * The small documents pop3x keeps with a user's maildrop, where every James node sees them (the devices of a user,
 * the messages hidden from POP3, imported unique-ids), each of a {@link NoteKind}. A maildrop's notes
 * ({@link Maildrop#notes()}) are read with its listing: for a user who has none, reading any kind costs no further
 * store call. Every change is a read-change-write under the user's notes lock ({@link MaildropLocks#lockNotes}), so
 * that sessions sharing the maildrop lose nothing of each other's changes.
 */
public interface MaildropNotes {

    /** The note as it was when the maildrop was opened (or as this session last changed it); empty when none. */
    <T> Optional<T> read(NoteKind<T> kind) throws MaildropException;

    /**
     * Reads the note as it is now, changes it and saves the change, under the user's notes lock; an update within
     * the change (of this or another kind) runs under the same lock. Whatever else the change does (an expunge) is
     * done under the lock too.
     *
     * @return the note saved
     */
    <T> T update(NoteKind<T> kind, Change<T> change) throws MaildropException;

    /** What an update does to a note: from the note now (empty when none) to the note to save. */
    interface Change<T> {
        T apply(Optional<T> current) throws MaildropException;
    }

    /** The notes of a backend that keeps none: it reads none and refuses to save any. */
    MaildropNotes NONE = new MaildropNotes() {
        @Override
        public <T> Optional<T> read(NoteKind<T> kind) {
            return Optional.empty();
        }

        @Override
        public <T> T update(NoteKind<T> kind, Change<T> change) throws MaildropException {
            throw MaildropException.permanent("This maildrop backend keeps no notes (needed by dele.action=hide and devices)", null);
        }
    };
}
