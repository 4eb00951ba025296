package dev.pop3x.protocol;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.james.core.Username;

import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropLocks.MaildropLock;
import dev.pop3x.maildrop.MaildropMessage;

/**
 * The TRANSACTION state of one session: the maildrop as listed at login, numbered from 1, and the messages marked
 * deleted. Counts and sizes are kept up to date as marks change, so STAT is constant-time and LIST/UIDL linear
 * however many messages are marked.
 */
final class Transaction {
    private final Username user;
    private final Optional<String> device;
    private final Maildrop view;
    private final Maildrop maildrop;
    private final Optional<MaildropLock> lock;
    private final List<MaildropMessage> messages;
    private final long totalOctets;
    private final BitSet deleted;
    private final BitSet retrievedHere;
    /**
     * The Message-ID field values of the messages sent whole ({@code ""} for none), for the deletion audit: written by
     * RETR, on or off the event loop.
     */
    private final Map<MaildropMessage, String> messageIdsSent = new ConcurrentHashMap<>();
    private long deletedOctets;
    private boolean ended;

    /**
     * @param view the maildrop as the session sees it (a device's view, the quota notice...), whose expunge is the
     *                 UPDATE state of the client's DELEs
     * @param device the device the session logged in on ({@code bob+phone@example.com}), if any
     * @param maildrop the maildrop itself, for the deletion policy
     */
    Transaction(Username user, Optional<String> device, Maildrop view, Maildrop maildrop, Optional<MaildropLock> lock) {
        this.user = user;
        this.device = device;
        this.view = view;
        this.maildrop = maildrop;
        this.lock = lock;
        this.messages = view.messages();
        this.totalOctets = messages.stream().mapToLong(MaildropMessage::octets).sum();
        this.deleted = new BitSet(messages.size());
        this.retrievedHere = new BitSet(messages.size());
    }

    /** The Message-ID field values the deletion audit noted as the messages were sent ({@link DeletionAudit#sent}). */
    Map<MaildropMessage, String> messageIdsSent() {
        return messageIdsSent;
    }

    Username user() {
        return user;
    }

    /** The device the session logged in on, if it gave one. */
    Optional<String> device() {
        return device;
    }

    /** The maildrop as the session sees it: what its commands read, and whose expunge is the UPDATE state of its DELEs. */
    Maildrop view() {
        return view;
    }

    /** The maildrop itself, not the session's view of it: what the deletion policy decides on. */
    Maildrop maildrop() {
        return maildrop;
    }

    /** How many messages the maildrop listed at login, deleted or not. */
    int size() {
        return messages.size();
    }

    /** @param number from 1 to {@link #size()} */
    MaildropMessage message(int number) {
        return messages.get(number - 1);
    }

    /** Notes that the message went out in full; true the first time in this session. */
    boolean firstFullRetrievalHere(int number) {
        if (retrievedHere.get(number - 1)) {
            return false;
        }
        retrievedHere.set(number - 1);
        return true;
    }

    boolean isDeleted(int number) {
        return deleted.get(number - 1);
    }

    void markDeleted(int number) {
        if (!deleted.get(number - 1)) {
            deleted.set(number - 1);
            deletedOctets += message(number).octets();
        }
    }

    void unmarkAll() {
        deleted.clear();
        deletedOctets = 0;
    }

    int remainingCount() {
        return messages.size() - deleted.cardinality();
    }

    long remainingOctets() {
        return totalOctets - deletedOctets;
    }

    int deletedCount() {
        return deleted.cardinality();
    }

    long deletedOctets() {
        return deletedOctets;
    }

    /** Message numbers not marked deleted, in order. */
    IntStream remainingNumbers() {
        return IntStream.rangeClosed(1, messages.size()).filter(number -> !deleted.get(number - 1));
    }

    /** LIST's and UIDL's line of a message: {@code <number> <field>}. */
    String scanLine(int number, Function<MaildropMessage, Object> field) {
        return number + " " + field.apply(message(number));
    }

    /** The scan line of each message not marked deleted, in order. */
    List<String> scanLines(Function<MaildropMessage, Object> field) {
        return remainingNumbers().mapToObj(number -> scanLine(number, field)).collect(Collectors.toUnmodifiableList());
    }

    List<MaildropMessage> deletedMessages() {
        return deleted.stream().mapToObj(messages::get).collect(Collectors.toUnmodifiableList());
    }

    /** Whether the session still holds its maildrop lock (a lock across nodes can be lost, see {@link MaildropLock#isHeld}). */
    boolean stillLocked() {
        return lock.map(MaildropLock::isHeld).orElse(true);
    }

    /** Closes the maildrop and releases its lock, once; nothing is expunged here. */
    void end() {
        if (ended) {
            return;
        }
        ended = true;
        try {
            view.close();
        } finally {
            lock.ifPresent(MaildropLock::release);
        }
    }
}
