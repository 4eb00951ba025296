package dev.pop3x.maildrop.james;

import java.time.Instant;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;

import dev.pop3x.maildrop.MaildropMessage;

/**
 * An INBOX's messages as a session lists them, in arrays (UIDs, octets, arrival and retrieval times): a
 * 100,000-message maildrop costs 3.2 MB, where a list of objects with a string each costs several times that.
 * Messages are made when asked for.
 */
final class CompactListing extends AbstractList<MaildropMessage> implements RandomAccess {
    private final String uniqueIdPrefix;
    private static final long NOT_RETRIEVED = Long.MIN_VALUE;

    private long[] uids = new long[64];
    private long[] octets = new long[64];
    private long[] receivedMillis = new long[64];
    private long[] retrievedMillis = new long[64];
    private int size;

    /** @param uniqueIdPrefix put before the UID in unique-ids ({@code <uidvalidity>-}, or nothing) */
    CompactListing(String uniqueIdPrefix) {
        this.uniqueIdPrefix = uniqueIdPrefix;
    }

    void add(long uid, long messageOctets, Instant received, Optional<Instant> retrieved) {
        if (size == uids.length) {
            uids = Arrays.copyOf(uids, size * 2);
            octets = Arrays.copyOf(octets, size * 2);
            receivedMillis = Arrays.copyOf(receivedMillis, size * 2);
            retrievedMillis = Arrays.copyOf(retrievedMillis, size * 2);
        }
        uids[size] = uid;
        octets[size] = messageOctets;
        receivedMillis[size] = received.toEpochMilli();
        retrievedMillis[size] = retrieved.map(Instant::toEpochMilli).orElse(NOT_RETRIEVED);
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
        return new MaildropMessage(uniqueIdPrefix + uids[index], octets[index], Instant.ofEpochMilli(receivedMillis[index]),
            retrievedMillis[index] == NOT_RETRIEVED ? Optional.empty() : Optional.of(Instant.ofEpochMilli(retrievedMillis[index])));
    }

    /** The highest UID listed (UIDs come in ascending order), 0 for an empty INBOX. */
    long highestUid() {
        return size == 0 ? 0 : uids[size - 1];
    }

    @Override
    public int size() {
        return size;
    }
}
