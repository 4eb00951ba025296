package dev.pop3x.mailet;

import java.util.Optional;

import javax.inject.Inject;
import javax.inject.Named;
import javax.mail.MessagingException;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.model.MailboxConstants;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.transport.mailets.LocalDelivery;
import org.apache.james.transport.mailets.delivery.MailDispatcher;
import org.apache.james.user.api.UsersRepository;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.apache.mailet.base.MailetUtil;

import dev.pop3x.delivery.IntactMailStore;
import dev.pop3x.delivery.ReceivedOctets;

/**
 * James's {@code LocalDelivery}, delivering each message's octets as received: the same dispatch (Return-Path and
 * Delivered-To added, Sieve's folder and flags, retries, quota and error handling, the {@code consume},
 * {@code onMailetException} and {@code retries} parameters, the {@code localDeliveredMails} metric), with header
 * fields in UTF-8 or a legacy 8-bit charset stored as they arrived instead of with {@code ?} for each 8-bit octet
 * ({@link ReceivedOctets}; the SMTP hook {@code dev.pop3x.smtp.RecordHeaderOctets} must be in the SMTP server's
 * handler chain for mail that came over SMTP). In place of {@code LocalDelivery} in the {@code local-delivery} processor:
 *
 * <pre>
 * &lt;mailet match="All" class="dev.pop3x.mailet.IntactLocalDelivery"/&gt;
 * </pre>
 */
public final class IntactLocalDelivery extends GenericMailet {
    private final UsersRepository users;
    private final MailboxManager mailboxManager;
    private final MetricFactory metrics;
    private MailDispatcher dispatcher;

    @Inject
    public IntactLocalDelivery(UsersRepository users, @Named("mailboxmanager") MailboxManager mailboxManager, MetricFactory metrics) {
        this.users = users;
        this.mailboxManager = mailboxManager;
        this.metrics = metrics;
    }

    @Override
    public void init() throws MessagingException {
        dispatcher = MailDispatcher.builder()
            .mailStore(new IntactMailStore(mailboxManager, users,
                metrics.generate(LocalDelivery.LOCAL_DELIVERED_MAILS_METRIC_NAME), MailboxConstants.INBOX))
            .consume(getInitParameter("consume", true))
            .onMailetException(getInitParameter("onMailetException", Mail.ERROR))
            .retries(MailetUtil.getInitParameterAsInteger(getInitParameter("retries"), Optional.of(MailDispatcher.RETRIES)))
            .mailetContext(getMailetContext())
            .build();
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        dispatcher.dispatch(mail);
    }

    @Override
    public String getMailetInfo() {
        return "pop3x IntactLocalDelivery: LocalDelivery with the message's octets as received";
    }
}
