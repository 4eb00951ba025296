package dev.pop3x.protocol;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropMessage;

/** Records in the maildrop that a client retrieved a message in full; a failure costs a log line, not the session. */
final class Retrievals {
    private static final Logger LOGGER = LoggerFactory.getLogger(Retrievals.class);

    private Retrievals() {
    }

    static void record(Transaction transaction, MaildropMessage message, Instant when) {
        try {
            transaction.maildrop().markRetrieved(message, when);
        } catch (MaildropException e) {
            LOGGER.warn("Cannot record that {} of {} was retrieved", message.uniqueId(), transaction.user().asString(), e);
        }
    }
}
