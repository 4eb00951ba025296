package dev.pop3x.protocol;

import java.util.List;
import java.util.Optional;

import com.google.common.base.CharMatcher;
import com.google.common.base.Splitter;

/**
 * What RFC 1939 lets a TRANSACTION-state command carry after its keyword, and the check of one request's
 * arguments against it. A check either passes or gives the text of a clear {@code -ERR}.
 */
enum ArgumentShape {
    /** STAT, NOOP, RSET: nothing; anything after the keyword is ignored, as Dovecot does. */
    NONE("") {
        @Override
        Optional<String> reject(String command, List<String> words, int maildropSize) {
            return Optional.empty();
        }
    },
    /** LIST, UIDL: an optional message number. */
    OPTIONAL_MESSAGE(" [msg]") {
        @Override
        Optional<String> reject(String command, List<String> words, int maildropSize) {
            if (words.size() > 1) {
                return usage(command);
            }
            return words.isEmpty() ? Optional.empty() : rejectMessageNumber(words.get(0), maildropSize);
        }
    },
    /** RETR, DELE: one message number. */
    MESSAGE(" msg") {
        @Override
        Optional<String> reject(String command, List<String> words, int maildropSize) {
            if (words.size() != 1) {
                return usage(command);
            }
            return rejectMessageNumber(words.get(0), maildropSize);
        }
    },
    /** TOP: a message number and a non-negative number of body lines. */
    MESSAGE_AND_LINES(" msg n") {
        @Override
        Optional<String> reject(String command, List<String> words, int maildropSize) {
            if (words.size() != 2) {
                return usage(command);
            }
            Optional<String> badNumber = rejectMessageNumber(words.get(0), maildropSize);
            if (badNumber.isPresent()) {
                return badNumber;
            }
            String lines = words.get(1);
            if (!isDecimal(lines) || lines.length() > MAX_LINE_COUNT_DIGITS) {
                return Optional.of("Invalid line count: " + Echo.of(lines));
            }
            return Optional.empty();
        }
    };

    /** Up to 999,999,999 lines: James's TOP counts lines in an int. */
    private static final int MAX_LINE_COUNT_DIGITS = 9;
    private static final CharMatcher DIGITS = CharMatcher.inRange('0', '9');
    private static final Splitter WORDS = Splitter.on(' ').omitEmptyStrings();

    private final String syntax;

    ArgumentShape(String syntax) {
        this.syntax = syntax;
    }

    /**
     * @param command the command keyword, upper case
     * @param argument what followed the keyword, or null
     * @param maildropSize how many messages the maildrop listed at login
     * @return the text of the {@code -ERR} reply, or empty when James's handler may take the request
     */
    Optional<String> check(String command, String argument, int maildropSize) {
        List<String> words = argument == null ? List.of() : WORDS.splitToList(argument);
        return reject(command, words, maildropSize);
    }

    abstract Optional<String> reject(String command, List<String> words, int maildropSize);

    Optional<String> usage(String command) {
        return Optional.of("Usage: " + command + syntax);
    }

    private static Optional<String> rejectMessageNumber(String word, int maildropSize) {
        if (!isDecimal(word)) {
            return Optional.of("Invalid message number: " + Echo.of(word));
        }
        String digits = word.replaceFirst("^0+(?=.)", "");
        boolean inMaildrop = digits.length() <= 10 && Long.parseLong(digits) >= 1 && Long.parseLong(digits) <= maildropSize;
        if (!inMaildrop) {
            return Optional.of("Message (" + Echo.of(digits) + ") does not exist.");
        }
        return Optional.empty();
    }

    private static boolean isDecimal(String word) {
        return !word.isEmpty() && DIGITS.matchesAllOf(word);
    }
}
