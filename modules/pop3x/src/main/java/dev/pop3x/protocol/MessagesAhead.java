package dev.pop3x.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.protocol.wire.Pop3Body;

/**
 * RETR's messages read and encoded off the event loop before the client asks for them, so that the next RETR is
 * answered on the event loop at once: no storage thread, no thread hand-off there and back. A client that goes
 * through the maildrop in order (a first download, fetchmail, Outlook) gets the messages after the one it asked for;
 * any other (a client leaving mail on the server, which asks only for what it has not seen) the following messages
 * that no client has retrieved yet: those it will ask for next.
 *
 * <p>Bounded per session: at most {@value #MAX_OCTETS_AHEAD} octets and {@value #MAX_MESSAGES_AHEAD} messages, each
 * at most {@value #MAX_WHOLE_OCTETS} octets (larger messages are streamed when asked for, never read ahead). A
 * message's content never changes, so what was read ahead stays right (a Maildir file another program deletes after it
 * was read is still sent, as it was listed); a message marked deleted is refused before it is looked for here.
 *
 * <p>The login reads ahead too ({@link #fillAtLogin}), in the storage call that opened the maildrop: the first messages no
 * client has retrieved, which a client that leaves mail on the server asks for next and one that downloads everything
 * asks for first, so that its first RETR costs no hand-off either.
 *
 * <p>The storage side ({@link #read}, {@link #fillAfter}, {@link #fillAtLogin}) runs on the session's line of storage
 * calls, one call at a time; {@link #take}, {@link #shouldFill} and {@link #readAtLoginUnasked} on the connection's
 * event loop.
 */
final class MessagesAhead {
    private static final Logger LOGGER = LoggerFactory.getLogger(MessagesAhead.class);

    static final int MAX_WHOLE_OCTETS = 64 * 1024;
    static final int MAX_OCTETS_AHEAD = 128 * 1024;
    static final int MAX_MESSAGES_AHEAD = 32;
    /** What the login reads, before its reply: a poll's new mail, not a first download's first 128 KB. */
    static final int MAX_MESSAGES_AT_LOGIN = 4;

    private final Map<Integer, byte[]> ready = new ConcurrentHashMap<>();
    private final AtomicInteger readyOctets = new AtomicInteger();
    private final AtomicBoolean filling = new AtomicBoolean();
    /** Storage side: the furthest message read ahead so far. */
    private int furthest;
    /** Event loop: the message the client asked for last. */
    private int lastAsked;
    /** The messages the login read; written before the login's reply, read on the event loop after it. */
    private Set<Integer> readAtLogin = Set.of();
    /** Event loop: how many of the messages the login read the client asked for. */
    private int askedReadAtLogin;

    /** Whether a message is small enough to be sent whole from memory. */
    static boolean whole(MaildropMessage message) {
        return message.storedOctets() <= MAX_WHOLE_OCTETS;
    }

    /** The client asks for message {@code number}: its encoded content if it was read ahead (on the event loop). */
    Optional<byte[]> take(int number) {
        byte[] content = ready.remove(number);
        if (content == null) {
            return Optional.empty();
        }
        readyOctets.addAndGet(-content.length);
        if (readAtLogin.contains(number)) {
            askedReadAtLogin++;
        }
        return Optional.of(content);
    }

    /**
     * Reads ahead, as the login opens the maildrop, the first {@value #MAX_MESSAGES_AT_LOGIN} messages no client has
     * retrieved yet, within the bounds (storage side, before the login's reply, which waits for it).
     */
    void fillAtLogin(Transaction transaction) {
        fill(transaction, 0, false, MAX_MESSAGES_AT_LOGIN);
        readAtLogin = Set.copyOf(ready.keySet());
    }

    /** Whether the client did not ask for a message the login read ahead (on the event loop). */
    boolean readAtLoginUnasked() {
        return askedReadAtLogin < readAtLogin.size();
    }

    /** Records what the client asked for (on the event loop); whether it goes in order. */
    boolean asked(int number) {
        boolean inOrder = number == lastAsked + 1;
        lastAsked = number;
        return inOrder;
    }

    /**
     * Whether to read ahead now (on the event loop): no reading ahead is under way and less than half of what may be
     * ready is. A true answer is a promise to call {@link #fillAfter} on the storage side.
     */
    boolean shouldFill() {
        return readyOctets.get() < MAX_OCTETS_AHEAD / 2 && ready.size() < MAX_MESSAGES_AHEAD / 2 && filling.compareAndSet(false, true);
    }

    /** Message {@code number}, encoded as RETR sends it: read ahead already, or read now (storage side). */
    byte[] read(Maildrop maildrop, MaildropMessage message, int number) throws MaildropException, IOException {
        byte[] content = ready.remove(number);
        if (content != null) {
            readyOctets.addAndGet(-content.length);
            return content;
        }
        return encode(maildrop, message);
    }

    /**
     * Reads ahead the messages after {@code number} that the client is likely to ask for next, within the bounds
     * (storage side). A failure to read one only ends the reading ahead: RETR reads it again and answers for it.
     *
     * @param transaction the session's maildrop and listing
     * @param inOrder whether the client goes in order: then every following message, else those never retrieved
     */
    void fillAfter(Transaction transaction, int number, boolean inOrder) {
        fill(transaction, number, inOrder, MAX_MESSAGES_AHEAD);
    }

    private void fill(Transaction transaction, int number, boolean inOrder, int maxMessages) {
        try {
            int next = Math.max(furthest, number) + 1;
            int count = ready.size();
            while (next <= transaction.size() && count < maxMessages) {
                MaildropMessage message = transaction.message(next);
                if (!whole(message) || (!inOrder && message.retrieved().isPresent())) {
                    next++;
                    continue;
                }
                if (readyOctets.get() + message.storedOctets() > MAX_OCTETS_AHEAD) {
                    break;
                }
                byte[] content = encode(transaction.view(), message);
                ready.put(next, content);
                readyOctets.addAndGet(content.length);
                furthest = next;
                count++;
                next++;
            }
        } catch (MaildropException | IOException | RuntimeException e) {
            // RETR reads the message itself when asked, and answers for a failure; a login never fails for it
            LOGGER.debug("Reading ahead stopped", e);
        } finally {
            filling.set(false);
        }
    }

    /** Forgets what was read ahead: the session no longer needs it. */
    void clear() {
        ready.clear();
        readyOctets.set(0);
    }

    private static byte[] encode(Maildrop maildrop, MaildropMessage message) throws MaildropException, IOException {
        try (InputStream content = maildrop.content(message)) {
            return Pop3Body.encode(content.readAllBytes());
        }
    }
}
