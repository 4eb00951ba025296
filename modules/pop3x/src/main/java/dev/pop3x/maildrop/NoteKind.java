package dev.pop3x.maildrop;

import java.util.Optional;
import java.util.function.Function;

/**
 * A kind of note pop3x keeps with a maildrop ({@link MaildropNotes}): its name and its format, declared once, by the
 * feature that owns it (the devices and the messages hidden from POP3 in {@code dev.pop3x.devices.DeviceNotes}, the
 * imported unique-ids of the {@code james} backend in {@code dev.pop3x.maildrop.james.ImportedUidls}). A note that no
 * longer parses reads as none.
 *
 * @param <T> what the note holds, an immutable value
 */
public final class NoteKind<T> {
    private final String name;
    private final Function<String, Optional<T>> parse;
    private final Function<T, String> format;

    private NoteKind(String name, Function<String, Optional<T>> parse, Function<T, String> format) {
        if (!name.matches("[a-z][a-z0-9]{0,31}")) {
            throw new IllegalArgumentException("A note name is 1 to 32 lower-case letters and digits: " + name);
        }
        this.name = name;
        this.parse = parse;
        this.format = format;
    }

    /**
     * @param name 1 to 32 lower-case letters and digits: a file name and an annotation key as it is
     * @param parse the value a note's text holds, or empty when the text is corrupt
     * @param format the text of a value, which {@code parse} reads back
     */
    public static <T> NoteKind<T> of(String name, Function<String, Optional<T>> parse, Function<T, String> format) {
        return new NoteKind<>(name, parse, format);
    }

    public String name() {
        return name;
    }

    Optional<T> parse(String text) {
        return parse.apply(text);
    }

    String format(T value) {
        return format.apply(value);
    }

    @Override
    public String toString() {
        return "note " + name;
    }
}
