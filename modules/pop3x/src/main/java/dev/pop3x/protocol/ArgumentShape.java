package dev.pop3x.protocol;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import com.google.common.base.CharMatcher;
import com.google.common.base.Splitter;

/**
 * What RFC 1939 lets a TRANSACTION-state command carry after its keyword, and the parsing of one request's
 * arguments against it and against the maildrop: a message number must be decimal digits, without a leading zero,
 * naming a message of the maildrop that is not marked deleted.
 */
enum ArgumentShape {
    /** LIST, UIDL: an optional message number. */
    OPTIONAL_MESSAGE(" [msg]", 0, 1),
    /** RETR, DELE: one message number. */
    MESSAGE(" msg", 1, 1),
    /** TOP: a message number and a non-negative number of body lines. */
    MESSAGE_AND_LINES(" msg n", 2, 2);

    /** Up to 999,999,999 lines. */
    private static final int MAX_LINE_COUNT_DIGITS = 9;
    private static final CharMatcher DIGITS = CharMatcher.inRange('0', '9');
    private static final Splitter WORDS = Splitter.on(' ').omitEmptyStrings();

    private final String syntax;
    private final int minWords;
    private final int maxWords;

    ArgumentShape(String syntax, int minWords, int maxWords) {
        this.syntax = syntax;
        this.minWords = minWords;
        this.maxWords = maxWords;
    }

    /** The arguments of one request, or the reply that refuses it. */
    static final class Parsed {
        private final Optional<Reply> refusal;
        private final OptionalInt message;
        private final OptionalInt lines;

        private Parsed(Optional<Reply> refusal, OptionalInt message, OptionalInt lines) {
            this.refusal = refusal;
            this.message = message;
            this.lines = lines;
        }

        static Parsed refused(Reply reply) {
            return new Parsed(Optional.of(reply), OptionalInt.empty(), OptionalInt.empty());
        }

        Optional<Reply> refusal() {
            return refusal;
        }

        /** The message number, from 1; empty for a LIST or UIDL of the whole maildrop. */
        OptionalInt message() {
            return message;
        }

        OptionalInt lines() {
            return lines;
        }
    }

    /**
     * @param command the command keyword, upper case
     * @param argument what followed the keyword, or null
     */
    Parsed parse(String command, String argument, Transaction transaction) {
        List<String> words = argument == null ? List.of() : WORDS.splitToList(argument);
        if (words.size() < minWords || words.size() > maxWords) {
            return Parsed.refused(Reply.err(Text.USAGE, command + syntax));
        }
        if (words.isEmpty()) {
            return new Parsed(Optional.empty(), OptionalInt.empty(), OptionalInt.empty());
        }
        String number = words.get(0);
        if (!isDecimal(number)) {
            return Parsed.refused(Reply.err(Text.INVALID_MESSAGE_NUMBER, Echo.of(number)));
        }
        if (number.length() > 10 || Long.parseLong(number) < 1 || Long.parseLong(number) > transaction.size()) {
            return Parsed.refused(Reply.err(Text.NO_SUCH_MESSAGE, Echo.of(number)));
        }
        int messageNumber = Integer.parseInt(number);
        if (transaction.isDeleted(messageNumber)) {
            return Parsed.refused(Reply.err(Text.MESSAGE_DELETED_ALREADY, messageNumber));
        }
        if (words.size() == 1) {
            return new Parsed(Optional.empty(), OptionalInt.of(messageNumber), OptionalInt.empty());
        }
        String lines = words.get(1);
        if (!isDecimal(lines) || lines.length() > MAX_LINE_COUNT_DIGITS) {
            return Parsed.refused(Reply.err(Text.INVALID_LINE_COUNT, Echo.of(lines)));
        }
        return new Parsed(Optional.empty(), OptionalInt.of(messageNumber), OptionalInt.of(Integer.parseInt(lines)));
    }

    /** Decimal digits, written the one way: no leading zero but in "0" itself ({@code TOP 1 00} is noise). */
    private static boolean isDecimal(String word) {
        return !word.isEmpty() && DIGITS.matchesAllOf(word) && (word.length() == 1 || word.charAt(0) != '0');
    }
}
