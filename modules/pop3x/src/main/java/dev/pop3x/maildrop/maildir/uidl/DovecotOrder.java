package dev.pop3x.maildrop.maildir.uidl;

import java.util.Comparator;

/**
 * The order in which Dovecot gives new messages their UIDs ({@code maildir_filename_sort_cmp}): by the seconds the base
 * name starts with, then, when both names have one, by the microseconds after {@code M} in their second part, then by
 * the rest of the names, octet by octet.
 */
public final class DovecotOrder implements Comparator<String> {
    public static final DovecotOrder INSTANCE = new DovecotOrder();

    private DovecotOrder() {
    }

    @Override
    public int compare(String first, String second) {
        int end1 = digitsEnd(first);
        int end2 = digitsEnd(second);
        int bySeconds = Long.compare(seconds(first, end1), seconds(second, end2));
        if (bySeconds != 0) {
            return bySeconds;
        }
        long micros1 = micros(first, end1);
        long micros2 = micros(second, end2);
        if (micros1 >= 0 && micros2 >= 0 && micros1 != micros2) {
            return Long.compare(micros1, micros2);
        }
        return first.substring(end1).compareTo(second.substring(end2));
    }

    private static int digitsEnd(String name) {
        int i = 0;
        while (i < name.length() && name.charAt(i) >= '0' && name.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private static long seconds(String name, int end) {
        long seconds = 0;
        for (int i = 0; i < end && i < 18; i++) {
            seconds = seconds * 10 + (name.charAt(i) - '0');
        }
        return seconds;
    }

    /** The microseconds after {@code M} in {@code .<uniqueness>.}, or -1 when there are none. */
    private static long micros(String name, int from) {
        if (from >= name.length() || name.charAt(from) != '.') {
            return -1;
        }
        for (int i = from + 1; i < name.length() && name.charAt(i) != '.' && name.charAt(i) != ':'; i++) {
            if (name.charAt(i) == 'M') {
                long micros = 0;
                for (int j = i + 1; j < name.length() && name.charAt(j) >= '0' && name.charAt(j) <= '9' && j < i + 10; j++) {
                    micros = micros * 10 + (name.charAt(j) - '0');
                }
                return micros;
            }
        }
        return -1;
    }
}
