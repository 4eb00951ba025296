package dev.pop3x.maildrop.james;

import java.io.IOException;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.exception.MailboxException;

import dev.pop3x.maildrop.MaildropException;

/**
 * A call to James's mailboxes within a processing request of the session (as James's own protocols make them), its
 * failure turned into a temporary {@link MaildropException} that says what could not be done.
 */
final class MailboxCalls {
    private MailboxCalls() {
    }

    @FunctionalInterface
    interface MailboxCall<T> {
        T run() throws MailboxException, IOException, MaildropException;
    }

    /** @param what what the call does, for the failure: "Cannot " + what */
    static <T> T inRequest(MailboxManager mailboxManager, MailboxSession session, String what, MailboxCall<T> call)
            throws MaildropException {
        mailboxManager.startProcessingRequest(session);
        try {
            return call.run();
        } catch (MailboxException | IOException | RuntimeException e) {
            throw MaildropException.temporary("Cannot " + what + " of " + session.getUser().asString(), e);
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }
}
