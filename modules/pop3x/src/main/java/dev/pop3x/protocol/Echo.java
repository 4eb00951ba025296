package dev.pop3x.protocol;

import com.google.common.base.CharMatcher;

/** Client input quoted back in a reply or a log line: printable ASCII only, and short. */
final class Echo {
    static final int MAX_LENGTH = 40;
    private static final CharMatcher PRINTABLE = CharMatcher.inRange((char) 0x20, (char) 0x7E);

    private Echo() {
    }

    static String of(String input) {
        String printable = PRINTABLE.negate().replaceFrom(input, '?');
        if (printable.length() <= MAX_LENGTH) {
            return printable;
        }
        return printable.substring(0, MAX_LENGTH) + "...";
    }
}
