package dev.pop3x.maildrop.james;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Map;
import java.util.RandomAccess;

import dev.pop3x.maildrop.MaildropMessage;

/**
 * An INBOX's messages as a session lists them, in two arrays (UIDs and octets): a 100,000-message maildrop costs
 * 1.6 MB, where a list of objects with a string each costs several times that. Messages are made when asked for.
 */
final class CompactListing extends AbstractList<MaildropMessage> implements RandomAccess {
    private final String uniqueIdPrefix;
    private long[] uids = new long[64];
    private long[] octets = new long[64];
    private int size;

    /** @param uniqueIdPrefix put before the UID in unique-ids ({@code <uidvalidity>-}, or nothing) */
    CompactListing(String uniqueIdPrefix) {
        this.uniqueIdPrefix = uniqueIdPrefix;
    }

    void add(long uid, long messageOctets) {
        if (size == uids.length) {
            uids = Arrays.copyOf(uids, size * 2);
            octets = Arrays.copyOf(octets, size * 2);
        }
        uids[size] = uid;
        octets[size] = messageOctets;
        size++;
    }

    /** Replaces stored sizes with sizes measured with CRLF line ends. */
    void correct(Map<Long, Long> measured) {
        if (measured.isEmpty()) {
            return;
        }
        for (int i = 0; i < size; i++) {
            Long corrected = measured.get(uids[i]);
            if (corrected != null) {
                octets[i] = corrected;
            }
        }
    }

    @Override
    public MaildropMessage get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return new MaildropMessage(uniqueIdPrefix + uids[index], octets[index]);
    }

    long uid(int index) {
        return uids[index];
    }

    @Override
    public int size() {
        return size;
    }
}
