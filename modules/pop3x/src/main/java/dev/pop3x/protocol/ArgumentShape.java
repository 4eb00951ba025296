package dev.pop3x.protocol;

import java.util.List;
import java.util.Optional;

import com.google.common.base.CharMatcher;
import com.google.common.base.Splitter;

/**
 * What a command carries after its keyword (RFC 1939, 2449, 5034, 6856), declared with the command and parsed once,
 * before it runs ({@link Pop3xCommand}): a wrong count of words gets the command's {@code -ERR Usage:}, and a message
 * number must be decimal digits, without a leading zero, naming a message of the maildrop that is not marked
 * deleted.
 */
enum ArgumentShape {
    /** NOOP, STAT, RSET, QUIT, CAPA, STLS, UTF8: nothing (spaces alone are nothing). */
    NONE(""),
    /** LIST, UIDL: an optional message number. */
    OPTIONAL_MESSAGE(" [msg]"),
    /** RETR, DELE: one message number. */
    MESSAGE(" msg"),
    /** TOP: a message number and a non-negative number of body lines. */
    MESSAGE_AND_LINES(" msg n"),
    /** USER: a name; the spaces around it are dropped. */
    NAME(" name"),
    /** PASS, and a command no handler knows: the rest of the line as it is, spaces included. */
    REST(" string"),
    /** LANG: an optional language tag. */
    OPTIONAL_WORD(" [lang]"),
    /** AUTH: nothing (the listing), or a mechanism and an optional initial response. */
    MECHANISM(" mechanism [initial-response]");

    /** Up to 999,999,999 lines. */
    private static final int MAX_LINE_COUNT_DIGITS = 9;
    private static final CharMatcher DIGITS = CharMatcher.inRange('0', '9');
    private static final Splitter WORDS = Splitter.on(' ').omitEmptyStrings();
    /** Whitespace is trimmed in AUTH's words, no-break spaces included (found by PopFuzzIT). */
    private static final Splitter TRIMMED_WORDS = Splitter.on(' ').omitEmptyStrings().trimResults();

    private final String syntax;

    ArgumentShape(String syntax) {
        this.syntax = syntax;
    }

    /** The arguments of one request, or the reply that refuses them. */
    static final class Parsed {
        private final Reply refusal;
        private final Arguments arguments;

        private Parsed(Reply refusal, Arguments arguments) {
            this.refusal = refusal;
            this.arguments = arguments;
        }

        /** The refusal, or null when the arguments are valid. */
        Reply refusal() {
            return refusal;
        }

        Arguments arguments() {
            if (arguments == null) {
                throw new IllegalStateException("Refused: no arguments");
            }
            return arguments;
        }
    }

    /**
     * @param keyword the command keyword as the client sent it, upper case
     * @param argument what followed the keyword, or null
     * @param transaction the session's TRANSACTION state, which message numbers must name a message of
     */
    Parsed parse(String keyword, String argument, Optional<Transaction> transaction) {
        String text = argument == null ? "" : argument;
        switch (this) {
            case NONE:
                return text.isBlank() ? accepted(Arguments.of(keyword)) : usage(keyword);
            case NAME:
                return text.isBlank() ? usage(keyword) : accepted(Arguments.of(keyword).withText(text.strip()));
            case REST:
                return accepted(Arguments.of(keyword).withText(text));
            case OPTIONAL_WORD:
                return accepted(text.isBlank() ? Arguments.of(keyword) : Arguments.of(keyword).withText(text.strip()));
            case MECHANISM:
                return mechanism(keyword, text);
            default:
                return messageNumbers(keyword, WORDS.splitToList(text),
                    transaction.orElseThrow(() -> new IllegalStateException(keyword + " outside the TRANSACTION state")));
        }
    }

    private Parsed mechanism(String keyword, String text) {
        if (text.isBlank()) {
            return accepted(Arguments.of(keyword));
        }
        List<String> words = TRIMMED_WORDS.splitToList(text);
        return words.isEmpty() || words.size() > 2 ? usage(keyword) : accepted(Arguments.of(keyword).withWords(words));
    }

    private Parsed messageNumbers(String keyword, List<String> words, Transaction transaction) {
        int min = this == OPTIONAL_MESSAGE ? 0 : this == MESSAGE ? 1 : 2;
        int max = this == MESSAGE_AND_LINES ? 2 : 1;
        if (words.size() < min || words.size() > max) {
            return usage(keyword);
        }
        if (words.isEmpty()) {
            return accepted(Arguments.of(keyword));
        }
        String number = words.get(0);
        if (!isDecimal(number)) {
            return refused(Reply.err(Text.INVALID_MESSAGE_NUMBER, Echo.of(number)));
        }
        if (number.length() > 10 || Long.parseLong(number) < 1 || Long.parseLong(number) > transaction.size()) {
            return refused(Reply.err(Text.NO_SUCH_MESSAGE, Echo.of(number)));
        }
        int message = Integer.parseInt(number);
        if (transaction.isDeleted(message)) {
            return refused(Reply.err(Text.MESSAGE_DELETED_ALREADY, message));
        }
        if (words.size() == 1) {
            return accepted(Arguments.of(keyword).withMessage(message));
        }
        String lines = words.get(1);
        if (!isDecimal(lines) || lines.length() > MAX_LINE_COUNT_DIGITS) {
            return refused(Reply.err(Text.INVALID_LINE_COUNT, Echo.of(lines)));
        }
        return accepted(Arguments.of(keyword).withMessage(message).withLines(Integer.parseInt(lines)));
    }

    private Parsed usage(String keyword) {
        return refused(Reply.err(Text.USAGE, keyword + syntax));
    }

    private static Parsed accepted(Arguments arguments) {
        return new Parsed(null, arguments);
    }

    private static Parsed refused(Reply refusal) {
        return new Parsed(refusal, null);
    }

    /** Decimal digits, written the one way: no leading zero but in "0" itself ({@code TOP 1 00} is noise). */
    private static boolean isDecimal(String word) {
        return !word.isEmpty() && DIGITS.matchesAllOf(word) && (word.length() == 1 || word.charAt(0) != '0');
    }
}
