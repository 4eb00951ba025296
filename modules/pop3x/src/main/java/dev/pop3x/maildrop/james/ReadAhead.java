package dev.pop3x.maildrop.james;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Content;

/**
 * The next messages' contents, fetched with the one a client asked for: a client that retrieves messages in order
 * (most do) then costs one mailbox query for many RETRs, which matters on storage where each query costs (James's
 * memory mapper scans the whole mailbox for each). At most {@link #MAX_OCTETS} and {@link #MAX_MESSAGES} at once.
 *
 * <p>In order means the message after the furthest one asked for so far, or after it and messages too large to be sent
 * from memory: a download reads ahead past those ({@code MessagesAhead}), and their RETR, which comes later and
 * streams them, is answered alone, without losing what was fetched ahead. A client that picks messages (the new ones
 * among those it retrieved before) is not in order: nothing it will not ask for is fetched.
 */
final class ReadAhead {
    static final long MAX_OCTETS = 512 * 1024;
    /** The octets bound what is held; this only bounds the count of very small messages. */
    static final int MAX_MESSAGES = 256;
    /** A message read for another reason is kept up to this size: the largest RETR sends from memory. */
    static final long MAX_KEPT_MESSAGE = 64 * 1024;

    private final CompactListing messages;
    private final Map<Long, byte[]> fetched = new HashMap<>();
    /** The furthest message asked for, by its index in UID order; -1 before the first. */
    private int furthest = -1;
    private boolean inOrder;

    /** @param kept contents read already, by UID (at login, to measure them) */
    ReadAhead(CompactListing messages, Map<Long, byte[]> kept) {
        this.messages = messages;
        this.fetched.putAll(kept);
    }

    /** The content of the message if it was fetched ahead. Every request goes through here, to follow the order. */
    Optional<byte[]> fetched(long uid) {
        int index = messages.indexOfUid(uid);
        inOrder = furthest >= 0 && index > furthest && onlyLargeBetween(furthest, index);
        furthest = Math.max(furthest, index);
        return Optional.ofNullable(fetched.remove(uid));
    }

    private boolean onlyLargeBetween(int from, int to) {
        for (int index = from + 1; index < to; index++) {
            if (messages.storedOctetsAt(index) <= MAX_KEPT_MESSAGE) {
                return false;
            }
        }
        return true;
    }

    /**
     * What to fetch for a message that was not fetched ahead: up to this UID, within the limits, when the client goes
     * in order (what was fetched ahead before is dropped); the message alone otherwise.
     */
    long fetchUpTo(long uid) {
        if (!inOrder) {
            return uid;
        }
        fetched.clear();
        int first = messages.indexOfUid(uid);
        int last = first;
        long octets = messages.storedOctetsAt(first);
        while (last + 1 < messages.size() && last + 1 - first < MAX_MESSAGES
            && octets + messages.storedOctetsAt(last + 1) <= MAX_OCTETS) {
            last++;
            octets += messages.storedOctetsAt(last);
        }
        return messages.uidAt(last);
    }

    /**
     * Keeps the content of a message fetched ahead, read while its mailbox request is still open: James's JPA messages
     * are detached when the request ends, and their content then reads as empty (the contract suite on PostgreSQL
     * found RETR sending empty messages).
     */
    void keep(long uid, Content content) throws IOException, MailboxException {
        try (InputStream in = content.getInputStream()) {
            fetched.put(uid, in.readAllBytes());
        }
    }

    /**
     * Whether a message of this size, read for another reason (its size measured at login), is worth keeping for
     * RETR beside those already kept, within the limits.
     */
    static boolean worthKeeping(Map<Long, byte[]> kept, long octets) {
        if (octets > MAX_KEPT_MESSAGE || kept.size() >= MAX_MESSAGES) {
            return false;
        }
        long keptOctets = 0;
        for (byte[] content : kept.values()) {
            keptOctets += content.length;
        }
        return keptOctets + octets <= MAX_OCTETS;
    }

    void clear() {
        fetched.clear();
    }
}
