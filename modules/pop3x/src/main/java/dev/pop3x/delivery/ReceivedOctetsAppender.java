package dev.pop3x.delivery;

import java.util.Optional;

import javax.mail.Flags;
import javax.mail.internet.MimeMessage;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.MessageManager.AppendResult;
import org.apache.james.mailbox.exception.MailboxExistsException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.transport.mailets.delivery.MailboxAppenderImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Mono;

/**
 * James's {@link MailboxAppenderImpl}, appending a message's {@link ReceivedOctets} instead of what James 3.8.1 writes
 * of it, which has {@code ?} for every 8-bit octet of its header. The rest is James's: the session, the folder
 * (Sieve's {@code fileinto} included), the flags, a delivery as {@code \Recent}.
 */
final class ReceivedOctetsAppender extends MailboxAppenderImpl {
    private static final Logger LOGGER = LoggerFactory.getLogger(ReceivedOctetsAppender.class);

    private final MailboxManager mailboxManager;
    private final Optional<HeaderOctets> received;

    /** @param received the header of the mail being delivered, as James's SMTP server received it */
    ReceivedOctetsAppender(MailboxManager mailboxManager, Optional<HeaderOctets> received) {
        super(mailboxManager);
        this.mailboxManager = mailboxManager;
        this.received = received;
    }

    @Override
    protected Mono<AppendResult> appendMessageToMailbox(MimeMessage mail, MailboxSession session, MailboxPath path, Optional<Flags> flags) {
        MessageManager.AppendCommand.Builder command = MessageManager.AppendCommand.builder().recent().delivery();
        MessageManager.AppendCommand append = flags.map(command::withFlags).orElse(command)
            .build(new ReceivedOctetsContent(ReceivedOctets.of(mail, received)));
        return existingOrCreated(path, session)
            .flatMap(mailbox -> Mono.from(mailbox.appendMessageReactive(append, session)));
    }

    private Mono<MessageManager> existingOrCreated(MailboxPath path, MailboxSession session) {
        return Mono.from(mailboxManager.getMailboxReactive(path, session))
            .onErrorResume(MailboxNotFoundException.class, notFound ->
                Mono.from(mailboxManager.createMailboxReactive(path, MailboxManager.CreateOption.CREATE_SUBSCRIPTION, session))
                    .then(Mono.from(mailboxManager.getMailboxReactive(path, session)))
                    .onErrorResume(MailboxExistsException.class, exists -> {
                        LOGGER.info("Mailbox {} was created by another delivery at the same time", path);
                        return Mono.from(mailboxManager.getMailboxReactive(path, session));
                    }));
    }
}
