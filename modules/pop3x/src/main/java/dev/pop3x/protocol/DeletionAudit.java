package dev.pop3x.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.log.Untrusted;
import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.migration.MessageIdField;

/**
 * The UPDATE state of a client's DELEs, audited: one line per message the client removed, on the logger
 * {@value #LOGGER_NAME} (so that an operator can send it to a file of its own and keep it longer), written once the
 * expunge succeeded:
 *
 * <pre>DELE user=bob@example.com device=phone ip=192.0.2.7 tls=true uid=1a2b... message-id=&lt;x@y&gt; octets=2048 session=7f3e9a</pre>
 *
 * <p>{@code device} is {@code -} for a session without a device tag; {@code message-id} is {@code -} for a message
 * without one (taken from the octets RETR sent, else read from the headers before the expunge); {@code session} is James's session id, which the login and
 * logout lines of the same session carry. With {@code dele.action=hide} or devices, "removed" means removed from
 * what POP3 shows (see docs/devices.md): the line tells who asked, the maildrop what became of it.
 */
final class DeletionAudit {
    static final String LOGGER_NAME = "dev.pop3x.audit.Deletions";
    private static final Logger AUDIT = LoggerFactory.getLogger(LOGGER_NAME);
    private static final Logger LOGGER = LoggerFactory.getLogger(DeletionAudit.class);
    private static final String NO_MESSAGE_ID = "-";
    /**
     * At most this many Message-IDs noted per session (about 100 KB): a session downloading a whole big maildrop and
     * leaving it on the server holds no more; the messages beyond it are read at QUIT if they are deleted.
     */
    static final int MAX_NOTED = 1024;

    private DeletionAudit() {
    }

    /**
     * Expunges the messages the client marked deleted from the session's maildrop, then writes their audit lines:
     * what QUIT calls for the UPDATE state, instead of {@code transaction.view().expunge(deleted)}.
     */
    static void expunge(Transaction transaction, List<MaildropMessage> deleted, Client client) throws MaildropException {
        Map<MaildropMessage, String> messageIds = AUDIT.isInfoEnabled()
            ? messageIds(transaction.view(), deleted, transaction.messageIdsSent()) : Map.of();
        transaction.view().expunge(deleted);
        String device = transaction.device().orElse("-");
        for (MaildropMessage message : deleted) {
            AUDIT.info(line(transaction.user().asString(), device, client.address, client.tls, message,
                messageIds.getOrDefault(message, NO_MESSAGE_ID), client.sessionId));
        }
    }

    /** Who asked: the session's client, as the audit names it (read on the event loop, for the UPDATE state off it). */
    static final class Client {
        private final String address;
        private final boolean tls;
        private final String sessionId;

        Client(Pop3xSession session) {
            this.address = session.remoteAddress();
            this.tls = session.tlsActive();
            this.sessionId = session.james().getSessionID();
        }
    }

    static String line(String user, String device, String address, boolean tls, MaildropMessage message, String messageId, String sessionId) {
        return "DELE user=" + user + " device=" + device + " ip=" + address + " tls=" + tls + " uid=" + message.uniqueId()
            + " message-id=" + messageId + " octets=" + message.octets() + " session=" + sessionId;
    }

    /**
     * A message sent whole (RETR, {@code octets} as they went out): its Message-ID field's value noted for the audit
     * when the audit is on (a scan of the header section, on the event loop when the message was read ahead), so that
     * the UPDATE state need not read the message again (on a Maildir, a file opened per DELE).
     */
    static void sent(Transaction transaction, MaildropMessage message, byte[] octets) {
        Map<MaildropMessage, String> noted = transaction.messageIdsSent();
        if (AUDIT.isInfoEnabled() && noted.size() < MAX_NOTED) {
            // the field's value only: normalized and escaped at QUIT, for the messages deleted
            noted.put(message, MessageIdField.rawValue(octets).orElse(""));
        }
    }

    /**
     * The Message-ID of each message that has one, escaped: as noted when the message was sent, else read from the
     * headers (before the messages go).
     */
    static Map<MaildropMessage, String> messageIds(Maildrop maildrop, List<MaildropMessage> messages, Map<MaildropMessage, String> sent) {
        Map<MaildropMessage, String> ids = new LinkedHashMap<>();
        for (MaildropMessage message : messages) {
            String noted = sent.get(message);
            if (noted != null) {
                ids.put(message, MessageIdField.of(noted).map(Untrusted::word).orElse(NO_MESSAGE_ID));
                continue;
            }
            try (InputStream headers = maildrop.headers(message)) {
                ids.put(message, MessageIdField.read(headers).map(Untrusted::word).orElse(NO_MESSAGE_ID));
            } catch (MaildropException | IOException e) {
                LOGGER.warn("Cannot read the Message-ID of {} for the deletion audit", message.uniqueId(), e);
            }
        }
        return ids;
    }
}
