package dev.pop3x.maildrop.james;

import java.time.Instant;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;

import dev.pop3x.maildrop.MaildropMessage;

/**
 * An INBOX's messages as a session lists them, in arrays (UIDs, octets sent and stored, arrival and retrieval times): a
 * 100,000-message maildrop costs 4 MB, where a list of objects with a string each costs several times that.
 * Messages are made when asked for. The arrays are in UID order; with unique-ids that are message ids
 * ({@code james.uidl=message-id}) the listing also keeps each message id and presents the messages in
 * {@link MessageIdOrder}, as James's distributed POP3 does.
 */
final class CompactListing extends AbstractList<MaildropMessage> implements RandomAccess {
    private static final long NOT_RETRIEVED = Long.MIN_VALUE;

    private final String uniqueIdPrefix;
    private final boolean byMessageId;

    private long[] uids = new long[64];
    private long[] octets = new long[64];
    private long[] storedOctets = new long[64];
    private long[] receivedMillis = new long[64];
    private long[] retrievedMillis = new long[64];
    /** The UID-order indexes of the messages flagged {@code \Seen}. */
    private BitSet seen = new BitSet();
    /** With unique-ids that are message ids: each message's, and the UID-order index of each listed position. */
    private String[] messageIds;
    private int[] order;
    /**
     * Unique-ids imported from the previous server, by UID-order index, and the UIDs they name; shared by copies. A
     * message whose own unique-id an imported one took (mail that came after the import) is listed as
     * {@link MaildropMessage#shadowed}.
     */
    private Map<Integer, String> imported = Map.of();
    private Map<String, Long> importedUids = Map.of();
    private int size;

    private CompactListing(String uniqueIdPrefix, boolean byMessageId) {
        this.uniqueIdPrefix = uniqueIdPrefix;
        this.byMessageId = byMessageId;
        this.messageIds = byMessageId ? new String[64] : null;
    }

    /** @param uniqueIdPrefix put before the UID in unique-ids ({@code <uidvalidity>-}, or nothing) */
    static CompactListing byUid(String uniqueIdPrefix) {
        return new CompactListing(uniqueIdPrefix, false);
    }

    /** Unique-ids that are the serialised message ids, listed in {@link MessageIdOrder}. */
    static CompactListing byMessageId() {
        return new CompactListing("", true);
    }

    /** Adds a message; they come in ascending UID order. {@code messageId} is read only by {@link #byMessageId()}. */
    void add(long uid, String messageId, long messageOctets, Instant received, Optional<Instant> retrieved, boolean flaggedSeen) {
        if (order != null) {
            throw new IllegalStateException("The listing is complete");
        }
        if (size == uids.length) {
            if (byMessageId) {
                messageIds = Arrays.copyOf(messageIds, size * 2);
            }
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
        if (byMessageId) {
            messageIds[size] = messageId;
        }
        seen.set(size, flaggedSeen);
        size++;
    }

    /** Ends the adding: messages listed by message id are put in {@link MessageIdOrder}. */
    void complete() {
        if (!byMessageId || order != null) {
            return;
        }
        MessageIdOrder.Key[] keys = new MessageIdOrder.Key[size];
        Integer[] positions = new Integer[size];
        for (int i = 0; i < size; i++) {
            keys[i] = MessageIdOrder.Key.of(messageIds[i]);
            positions[i] = i;
        }
        Arrays.sort(positions, (a, b) -> keys[a].compareTo(keys[b]));
        order = Arrays.stream(positions).mapToInt(Integer::intValue).toArray();
    }

    /** The messages with these UIDs answer these unique-ids ({@link ImportedUidls}); UIDs not listed are skipped. */
    void imported(Map<Long, String> byUid) {
        Map<Integer, String> byIndex = new HashMap<>();
        Map<String, Long> uidsOf = new HashMap<>();
        byUid.forEach((uid, uniqueId) -> {
            int index = indexOfUid(uid);
            if (index >= 0) {
                byIndex.put(index, uniqueId);
                uidsOf.put(uniqueId, uid);
            }
        });
        this.imported = byIndex;
        this.importedUids = uidsOf;
    }

    /** The UID-order index of the message listed at this position. */
    private int indexAt(int position) {
        if (!byMessageId) {
            return position;
        }
        if (order == null) {
            throw new IllegalStateException("The listing is not complete");
        }
        return order[position];
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
    public MaildropMessage get(int position) {
        if (position < 0 || position >= size) {
            throw new IndexOutOfBoundsException(position);
        }
        int index = indexAt(position);
        String uniqueId = imported.get(index);
        if (uniqueId == null) {
            uniqueId = ownUniqueId(index);
            if (importedUids.containsKey(uniqueId)) {
                uniqueId = MaildropMessage.SHADOWED_PREFIX + uniqueId;
            }
        }
        return new MaildropMessage(uniqueId, octets[index], storedOctets[index], Instant.ofEpochMilli(receivedMillis[index]),
            retrievedMillis[index] == NOT_RETRIEVED ? Optional.empty() : Optional.of(Instant.ofEpochMilli(retrievedMillis[index])));
    }

    /** What James's own naming gives the message at this UID-order index. */
    private String ownUniqueId(int index) {
        return byMessageId ? messageIds[index] : uniqueIdPrefix + uids[index];
    }

    /** The UID of the listed message with this unique-id. */
    long uidOf(String listedUniqueId) {
        Long importedUid = importedUids.get(listedUniqueId);
        if (importedUid != null) {
            return importedUid;
        }
        String uniqueId = MaildropMessage.unshadowed(listedUniqueId, importedUids::containsKey);
        if (!byMessageId) {
            return Long.parseLong(uniqueId.substring(uniqueIdPrefix.length()));
        }
        MessageIdOrder.Key key = MessageIdOrder.Key.of(uniqueId);
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int index = indexAt(middle);
            int comparison = MessageIdOrder.Key.of(messageIds[index]).compareTo(key);
            if (comparison == 0) {
                return uids[index];
            }
            if (comparison < 0) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        throw new IllegalArgumentException("No message " + uniqueId + " in this listing");
    }

    /** A listing of its own with the same messages, for a session to mark retrievals in. */
    CompactListing copy() {
        complete();
        CompactListing copy = new CompactListing(uniqueIdPrefix, byMessageId);
        // complete, message ids and their order never change: shared
        copy.messageIds = messageIds;
        copy.order = order;
        copy.imported = imported;
        copy.importedUids = importedUids;
        copy.uids = Arrays.copyOf(uids, size);
        copy.octets = Arrays.copyOf(octets, size);
        copy.storedOctets = Arrays.copyOf(storedOctets, size);
        copy.receivedMillis = Arrays.copyOf(receivedMillis, size);
        copy.retrievedMillis = Arrays.copyOf(retrievedMillis, size);
        copy.seen = (BitSet) seen.clone();
        copy.size = size;
        return copy;
    }

    /** The UID-order index of the message with this UID, or a negative number when it is not listed. */
    int indexOfUid(long uid) {
        return Arrays.binarySearch(uids, 0, size, uid);
    }

    /** The UID at a UID-order index. */
    long uidAt(int index) {
        return uids[index];
    }

    long storedOctetsAt(int index) {
        return storedOctets[index];
    }

    /** Records the message's first retrieval, unless one is listed already, and that it is {@code \Seen}. */
    void retrieved(long uid, Instant when) {
        int index = Arrays.binarySearch(uids, 0, size, uid);
        if (index < 0) {
            return;
        }
        if (retrievedMillis[index] == NOT_RETRIEVED) {
            retrievedMillis[index] = when.toEpochMilli();
        }
        seen.set(index);
    }

    /** Records that the message is {@code \Seen}: whether it was not before (a message not listed never is). */
    boolean markSeen(long uid) {
        int index = Arrays.binarySearch(uids, 0, size, uid);
        if (index < 0 || seen.get(index)) {
            return false;
        }
        seen.set(index);
        return true;
    }

    /** Whether the message was listed {@code \Seen}, or has been marked so since. */
    boolean isSeen(long uid) {
        int index = Arrays.binarySearch(uids, 0, size, uid);
        return index >= 0 && seen.get(index);
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
