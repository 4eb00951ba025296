package dev.pop3x.maildrop.james;

import java.time.Instant;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;

import dev.pop3x.maildrop.MaildropMessage;

/**
 * An INBOX's messages as a session lists them, in arrays (UIDs, octets sent and stored, arrival and retrieval times): a
 * 100,000-message maildrop costs 4 MB, where a list of objects with a string each costs several times that.
 * Messages are made when asked for.
 */
final class CompactListing extends AbstractList<MaildropMessage> implements RandomAccess {
    private final String uniqueIdPrefix;
    private static final long NOT_RETRIEVED = Long.MIN_VALUE;

    private long[] uids = new long[64];
    private long[] octets = new long[64];
    private long[] storedOctets = new long[64];
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
            storedOctets = Arrays.copyOf(storedOctets, size * 2);
            receivedMillis = Arrays.copyOf(receivedMillis, size * 2);
            retrievedMillis = Arrays.copyOf(retrievedMillis, size * 2);
        }
        uids[size] = uid;
        octets[size] = messageOctets;
        storedOctets[size] = messageOctets;
        receivedMillis[size] = received.toEpochMilli();
        retrievedMillis[size] = retrieved.map(Instant::toEpochMilli).orElse(NOT_RETRIEVED);
        size++;
    }

    /** Replaces the sizes RETR sends with sizes measured with CRLF line ends; James's quota keeps counting the stored ones. */
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
        return new MaildropMessage(uniqueIdPrefix + uids[index], octets[index], storedOctets[index], Instant.ofEpochMilli(receivedMillis[index]),
            retrievedMillis[index] == NOT_RETRIEVED ? Optional.empty() : Optional.of(Instant.ofEpochMilli(retrievedMillis[index])));
    }

    /** A listing of its own with the same messages, for a session to mark retrievals in. */
    CompactListing copy() {
        CompactListing copy = new CompactListing(uniqueIdPrefix);
        copy.uids = Arrays.copyOf(uids, size);
        copy.octets = Arrays.copyOf(octets, size);
        copy.storedOctets = Arrays.copyOf(storedOctets, size);
        copy.receivedMillis = Arrays.copyOf(receivedMillis, size);
        copy.retrievedMillis = Arrays.copyOf(retrievedMillis, size);
        copy.size = size;
        return copy;
    }

    /** Where the message with this UID is listed, or a negative number when it is not. */
    int indexOfUid(long uid) {
        return Arrays.binarySearch(uids, 0, size, uid);
    }

    long uidAt(int index) {
        return uids[index];
    }

    long storedOctetsAt(int index) {
        return storedOctets[index];
    }

    /** Records the message's first retrieval, unless one is listed already. */
    void retrieved(long uid, Instant when) {
        int index = Arrays.binarySearch(uids, 0, size, uid);
        if (index >= 0 && retrievedMillis[index] == NOT_RETRIEVED) {
            retrievedMillis[index] = when.toEpochMilli();
        }
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
