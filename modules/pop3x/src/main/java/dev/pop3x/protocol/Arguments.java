package dev.pop3x.protocol;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** A request's arguments, parsed and valid for its command's {@link ArgumentShape}. */
final class Arguments {
    private final String keyword;
    private final Integer message;
    private final Integer lines;
    private final String text;
    private final List<String> words;

    private Arguments(String keyword, Integer message, Integer lines, String text, List<String> words) {
        this.keyword = keyword;
        this.message = message;
        this.lines = lines;
        this.text = text;
        this.words = words;
    }

    static Arguments of(String keyword) {
        return new Arguments(keyword, null, null, null, List.of());
    }

    Arguments withMessage(int number) {
        return new Arguments(keyword, number, lines, text, words);
    }

    Arguments withLines(int count) {
        return new Arguments(keyword, message, count, text, words);
    }

    Arguments withText(String value) {
        return new Arguments(keyword, message, lines, value, words);
    }

    Arguments withWords(List<String> values) {
        return new Arguments(keyword, message, lines, text, List.copyOf(values));
    }

    /** The keyword as the client sent it, upper case. */
    String keyword() {
        return keyword;
    }

    /** The message number, from 1 (RETR, DELE, TOP). */
    int message() {
        if (message == null) {
            throw new IllegalStateException(keyword + " has no message number");
        }
        return message;
    }

    /** The message number, or empty for the whole maildrop (LIST, UIDL). */
    OptionalInt optionalMessage() {
        return message == null ? OptionalInt.empty() : OptionalInt.of(message);
    }

    /** TOP's number of body lines. */
    int lines() {
        if (lines == null) {
            throw new IllegalStateException(keyword + " has no line count");
        }
        return lines;
    }

    /** USER's name, PASS's password, LANG's tag. */
    Optional<String> text() {
        return Optional.ofNullable(text);
    }

    /** AUTH's mechanism and initial response, or nothing for the listing. */
    List<String> words() {
        return words;
    }
}
