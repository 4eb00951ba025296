package dev.pop3x.maildrop;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A backend's notes kept as text by name: what the backend read when the maildrop was opened serves
 * {@link #read}, and an update reads the note as it is now, then writes it. The lock is {@link LockedNotes}'s.
 */
public abstract class TextNotes implements MaildropNotes {
    /** Notes this session saved, which it reads as it saved them. */
    private final Map<String, Optional<String>> saved = new HashMap<>();

    /** The note's text as the maildrop was opened. */
    protected abstract Optional<String> textAtOpen(String name) throws MaildropException;

    /** The note's text now, as another session may have saved it since. */
    protected abstract Optional<String> textNow(String name) throws MaildropException;

    /** Saves the note's text, replacing the previous one atomically. */
    protected abstract void save(String name, String text) throws MaildropException;

    @Override
    public final <T> Optional<T> read(NoteKind<T> kind) throws MaildropException {
        Optional<String> text = saved.containsKey(kind.name()) ? saved.get(kind.name()) : textAtOpen(kind.name());
        return text.flatMap(kind::parse);
    }

    @Override
    public final <T> T update(NoteKind<T> kind, Change<T> change) throws MaildropException {
        Optional<String> before = textNow(kind.name());
        T after = change.apply(before.flatMap(kind::parse));
        String text = kind.format(after);
        if (!before.equals(Optional.of(text))) {
            save(kind.name(), text);
        }
        saved.put(kind.name(), Optional.of(text));
        return after;
    }
}
