package dev.pop3x.maildrop.james;

import java.util.Comparator;
import java.util.UUID;

/**
 * The order in which James 3.8.1's distributed POP3 lists an INBOX: its {@code pop3metadata} projection clusters the
 * rows of a mailbox by {@code messageId ASC}, a Cassandra {@code timeuuid}, which Cassandra orders by the UUID's
 * timestamp, then by its last eight octets compared as signed bytes. Serialised message ids that are numbers (the
 * memory mailboxes' {@code InMemoryMessageId}) are ordered as numbers, anything else as text.
 */
final class MessageIdOrder implements Comparator<String> {
    static final MessageIdOrder INSTANCE = new MessageIdOrder();

    /** Flips the sign bit of each octet: signed-byte order becomes unsigned order of the whole long. */
    private static final long SIGNED_OCTETS = 0x8080808080808080L;

    private MessageIdOrder() {
    }

    @Override
    public int compare(String left, String right) {
        return Key.of(left).compareTo(Key.of(right));
    }

    /** A serialised message id, parsed once for sorting. */
    static final class Key implements Comparable<Key> {
        private static final int TIME_UUID = 0;
        private static final int NUMBER = 1;
        private static final int TEXT = 2;

        private final int kind;
        private final long high;
        private final long low;
        private final String text;

        private Key(int kind, long high, long low, String text) {
            this.kind = kind;
            this.high = high;
            this.low = low;
            this.text = text;
        }

        static Key of(String serialized) {
            if (serialized.length() == 36 && serialized.charAt(14) == '1') {
                try {
                    UUID uuid = UUID.fromString(serialized);
                    if (uuid.version() == 1) {
                        return new Key(TIME_UUID, uuid.timestamp(), uuid.getLeastSignificantBits() ^ SIGNED_OCTETS, serialized);
                    }
                } catch (IllegalArgumentException e) {
                    // not a UUID after all: ordered as text
                }
            }
            if (!serialized.isEmpty() && serialized.length() <= 19 && serialized.chars().allMatch(c -> c >= '0' && c <= '9')) {
                try {
                    return new Key(NUMBER, Long.parseLong(serialized), 0, serialized);
                } catch (NumberFormatException e) {
                    // over Long.MAX_VALUE: ordered as text
                }
            }
            return new Key(TEXT, 0, 0, serialized);
        }

        String text() {
            return text;
        }

        @Override
        public int compareTo(Key that) {
            if (kind != that.kind) {
                return Integer.compare(kind, that.kind);
            }
            switch (kind) {
                case TIME_UUID:
                    int byTime = Long.compare(high, that.high);
                    return byTime != 0 ? byTime : Long.compareUnsigned(low, that.low);
                case NUMBER:
                    return Long.compare(high, that.high);
                default:
                    return text.compareTo(that.text);
            }
        }
    }
}
