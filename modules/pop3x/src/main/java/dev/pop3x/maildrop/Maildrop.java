package dev.pop3x.maildrop;

import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A user's maildrop as one POP3 session sees it: the list of messages is fixed when the maildrop is opened
 * (RFC 1939: mail arriving during the session shows at the next login), and messages leave it only through
 * {@link #expunge}.
 */
public interface Maildrop extends AutoCloseable {

    /**
     * The messages, in the order POP3 numbers them from 1; their retrieval times include the retrievals this session
     * recorded, as the ledger will give them later.
     */
    List<MaildropMessage> messages();

    /** The whole message as stored. The caller closes the stream. */
    InputStream content(MaildropMessage message) throws MaildropException;

    /**
     * The header section of the message, at least up to the blank line that ends it; a backend that cannot read
     * the headers alone may return the whole message.
     */
    InputStream headers(MaildropMessage message) throws MaildropException;

    /**
     * Records that a client retrieved the message in full (RETR, or a TOP that sent all of it): when, if it is the
     * first time, in the maildrop's retrieval ledger (which survives restarts and is seen by every James node); and
     * as other programs read it, IMAP's {@code \Seen} or Maildir's {@code S} flag. From then on, {@link #messages()}
     * lists the message as retrieved.
     */
    void markRetrieved(MaildropMessage message, Instant when) throws MaildropException;

    /**
     * Makes these messages answer these unique-ids from the next session on, whatever the backend's own naming gives
     * (unique-ids imported from the previous server). The caller checks that they are unique in the maildrop.
     */
    void saveUniqueIds(Map<MaildropMessage, String> uniqueIds) throws MaildropException;

    /** Removes the messages for good: the UPDATE state of RFC 1939. */
    void expunge(Collection<MaildropMessage> messages) throws MaildropException;

    /**
     * The owner's quota as the backend knows it: James's quota for the user (all their mailboxes), or the
     * Maildir++ {@code maildirsize}. No limit: unlimited.
     */
    QuotaUsage quota() throws MaildropException;

    /** When the user last logged in successfully, as recorded with the maildrop (for LOGIN-DELAY). */
    Optional<Instant> lastLogin() throws MaildropException;

    void recordLogin(Instant when) throws MaildropException;

    /**
     * A small document pop3x keeps with the maildrop, by name (the devices of a user, the messages hidden from
     * POP3), where every James node sees it; empty when none was saved. A backend that keeps no notes has none, and
     * refuses to save one: {@code dele.action=hide} and devices need a backend that keeps them (both of pop3x's do).
     */
    default Optional<String> note(String name) throws MaildropException {
        return Optional.empty();
    }

    /** Saves the note, replacing the previous one, atomically. */
    default void saveNote(String name, String content) throws MaildropException {
        throw MaildropException.permanent("This maildrop backend keeps no notes (needed by dele.action=hide and devices)", null);
    }

    /** The names of the notes saved. */
    default Set<String> noteNames() throws MaildropException {
        return Set.of();
    }

    default void deleteNote(String name) throws MaildropException {
        throw MaildropException.permanent("This maildrop backend keeps no notes (needed by dele.action=hide and devices)", null);
    }

    /** Ends the session's use of the maildrop; expunges nothing. */
    @Override
    void close();
}
