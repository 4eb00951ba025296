package dev.pop3x.maildrop;

import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
     * The notes pop3x keeps with this maildrop (devices, hidden messages, imported unique-ids), as read with the
     * listing; a backend that keeps none has {@link MaildropNotes#NONE}.
     */
    default MaildropNotes notes() {
        return MaildropNotes.NONE;
    }

    /** Ends the session's use of the maildrop; expunges nothing. */
    @Override
    void close();
}
