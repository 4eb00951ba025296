package dev.pop3x.maildrop.james;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import javax.mail.Flags;

/**
 * The retrieval ledger of the {@code james} backend: a message a client retrieved carries the IMAP keyword
 * {@code $pop3x-retrieved-YYYYMMDD} (the UTC day of its first retrieval), stored with the message by James
 * whatever James runs on, so it survives restarts and every James node sees it. A day is all a keyword can hold
 * without growing the mailbox's list of keywords without end; the policy reads it as the end of that day, so
 * mail never expires early, at most a day late.
 */
final class RetrievalKeyword {
    static final String PREFIX = "$pop3x-retrieved-";
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    /** YYYYMMDD */
    private static final int DAY_DIGITS = 8;

    private RetrievalKeyword() {
    }

    static String of(Instant when) {
        return PREFIX + DAY.format(when.atOffset(ZoneOffset.UTC).toLocalDate());
    }

    /** A retrieval at {@code when} as its keyword will be read: the end of its UTC day. */
    static Instant readAs(Instant when) {
        return endOfDay(when.atOffset(ZoneOffset.UTC).toLocalDate());
    }

    private static Instant endOfDay(LocalDate day) {
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** When the message was first retrieved, as late as its keyword allows; empty if it was not. */
    static Optional<Instant> retrieved(Flags flags) {
        return retrieved(flags, new HashMap<>());
    }

    /**
     * @param days the days already read from keywords, shared by the messages of one listing (most have the same
     *             few keywords, and parsing a date for each of 100,000 messages shows)
     */
    static Optional<Instant> retrieved(Flags flags, Map<String, Optional<Instant>> days) {
        Optional<Instant> earliest = Optional.empty();
        for (String keyword : flags.getUserFlags()) {
            if (keyword.startsWith(PREFIX)) {
                Optional<Instant> endOfDay = days.computeIfAbsent(keyword, RetrievalKeyword::endOfDayOf);
                if (endOfDay.isPresent() && (earliest.isEmpty() || endOfDay.get().isBefore(earliest.get()))) {
                    earliest = endOfDay;
                }
            }
        }
        return earliest;
    }

    /** The keyword's day read digit by digit: a date formatter's parse was a fifth of opening a small INBOX. */
    private static Optional<Instant> endOfDayOf(String keyword) {
        String digits = keyword.substring(PREFIX.length());
        if (digits.length() != DAY_DIGITS) {
            // a keyword of the same shape set by someone else: not ours
            return Optional.empty();
        }
        int date = 0;
        for (int i = 0; i < DAY_DIGITS; i++) {
            char digit = digits.charAt(i);
            if (digit < '0' || digit > '9') {
                return Optional.empty();
            }
            date = date * 10 + (digit - '0');
        }
        try {
            return Optional.of(endOfDay(LocalDate.of(date / 10_000, date / 100 % 100, date % 100)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
