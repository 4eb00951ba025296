package dev.pop3x.maildrop.james;

import java.util.Iterator;
import java.util.Map;

import javax.inject.Inject;
import javax.inject.Named;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.config.JamesBackendSettings;
import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropStore;
import reactor.core.publisher.Mono;

/**
 * Maildrops in James's own mailboxes: each user's INBOX through James's {@link MailboxManager}, so it works on
 * whatever James stores mail in (memory, JPA, Cassandra). By default the unique-ids are James's stock POP3 ones
 * (the IMAP UID), so clients that leave mail on the server do not download it again when pop3x is installed; the
 * sizes are what RETR sends ({@link CrlfOctets}). The listing is kept in two arrays, not an object per message.
 */
public final class JamesMaildropStore implements MaildropStore {
    private static final Logger LOGGER = LoggerFactory.getLogger(JamesMaildropStore.class);

    private final MailboxManager mailboxManager;
    private final JamesQuotas quotas;
    private final JamesBackendSettings settings;

    @Inject
    public JamesMaildropStore(@Named("mailboxmanager") MailboxManager mailboxManager, JamesQuotas quotas, JamesBackendSettings settings) {
        this.mailboxManager = mailboxManager;
        this.quotas = quotas;
        this.settings = settings;
    }

    @Override
    public Maildrop open(Username user) throws MaildropException {
        MailboxSession session = mailboxManager.createSystemSession(user);
        mailboxManager.startProcessingRequest(session);
        try {
            MailboxPath inbox = MailboxPath.inbox(session);
            if (!Mono.from(mailboxManager.mailboxExists(inbox, session)).blockOptional().orElse(false)) {
                LOGGER.info("Provisioning INBOX of {}: {}", user.asString(), mailboxManager.createMailbox(inbox, session));
            }
            MessageManager mailbox = mailboxManager.getMailbox(inbox, session);
            long uidValidity = mailbox.getMailboxEntity().getUidValidity().asLong();
            CompactListing listing = new CompactListing(settings.uidl() == JamesBackendSettings.UidlForm.UIDVALIDITY_UID
                ? uidValidity + "-" : "");
            for (Iterator<MessageResult> results = mailbox.getMessages(MessageRange.all(), FetchGroup.MINIMAL, session); results.hasNext(); ) {
                MessageResult result = results.next();
                listing.add(result.getUid().asLong(), result.getSize(), result.getInternalDate().toInstant(),
                    RetrievalKeyword.retrieved(result.getFlags()));
            }
            if (settings.exactOctets()) {
                Map<Long, Long> exceptions = CrlfOctets.exceptions(mailboxManager, mailbox, session, uidValidity, listing.highestUid());
                listing.correct(exceptions);
            }
            return new JamesMaildrop(mailboxManager, quotas, session, mailbox, listing);
        } catch (MailboxException | RuntimeException e) {
            throw MaildropException.temporary("Cannot open the INBOX of " + user.asString(), e);
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }
}
