package dev.pop3x.mailet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.lifecycle.api.LifecycleUtil;
import org.apache.james.server.core.MailImpl;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.mailet.Mail;
import org.apache.mailet.PerRecipientHeaders.Header;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.delivery.ReceivedOctets;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropSettings;
import dev.pop3x.maildrop.maildir.MaildirDelivery;
import dev.pop3x.maildrop.maildir.MessageWriter;

/**
 * Delivers mail to the Maildir of each recipient whose maildrop is in the {@code maildir} backend
 * ({@code maildrop.backend} in pop3x.properties), and leaves the other recipients to the next mailets (James's
 * {@code LocalDelivery}). Put it before {@code LocalDelivery} in the {@code local-delivery} processor:
 *
 * <pre>
 * &lt;mailet match="All" class="dev.pop3x.mailet.ToMaildir"/&gt;
 * </pre>
 *
 * A recipient over its Maildir++ quota, or whose maildir cannot be written, goes where James's
 * {@code LocalDelivery} sends the recipients it cannot deliver: a copy of the mail, with the reason as its error
 * message, enters the {@code onMailetException} processor ({@code error} by default, which bounces it to the
 * sender and keeps it in a repository). Nothing is lost.
 */
public final class ToMaildir extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(ToMaildir.class);

    private final MaildropSettings routing;
    private final MaildirDelivery delivery;
    private final UsersRepository users;
    private String errorProcessor = Mail.ERROR;

    @Inject
    public ToMaildir(MaildropSettings routing, MaildirDelivery delivery, UsersRepository users) {
        this.routing = routing;
        this.delivery = delivery;
        this.users = users;
    }

    @Override
    public void init() {
        errorProcessor = getInitParameter("onMailetException", Mail.ERROR);
    }

    @Override
    public String getMailetInfo() {
        return "pop3x ToMaildir: delivers to Maildir++ directories";
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        List<MailAddress> remaining = new ArrayList<>();
        List<MailAddress> overQuota = new ArrayList<>();
        List<MailAddress> failed = new ArrayList<>();
        for (MailAddress recipient : mail.getRecipients()) {
            Username user = username(recipient);
            if (!routing.backend().forUser(user).equals(MaildropSettings.MAILDIR_BACKEND)) {
                remaining.add(recipient);
                continue;
            }
            try {
                if (delivery.deliver(user, messageFor(mail, recipient)) == MaildirDelivery.Outcome.OVER_QUOTA) {
                    overQuota.add(recipient);
                }
            } catch (MaildropException e) {
                LOGGER.error("Cannot deliver {} to the maildir of {}", mail.getName(), user.asString(), e);
                failed.add(recipient);
            }
        }
        toErrorProcessor(mail, overQuota, "552 5.2.2 Mailbox full: the recipient's quota is exceeded");
        toErrorProcessor(mail, failed, "451 4.3.0 The recipient's mailbox could not be written");
        if (remaining.isEmpty()) {
            mail.setState(Mail.GHOST);
        } else {
            mail.setRecipients(remaining);
        }
    }

    private Username username(MailAddress recipient) throws MessagingException {
        try {
            return users.getUsername(recipient);
        } catch (UsersRepositoryException e) {
            throw new MessagingException("Cannot find the user of " + recipient.asString(), e);
        }
    }

    /**
     * What lands in the maildir: Return-Path, this recipient's own headers (Delivered-To), then the message's octets
     * as received ({@link ReceivedOctets}), streamed from James's copy of it.
     */
    private static MessageWriter messageFor(Mail mail, MailAddress recipient) throws MessagingException {
        StringBuilder headers = new StringBuilder("Return-Path: ").append(mail.getMaybeSender().asPrettyString()).append("\r\n");
        for (Header header : mail.getPerRecipientSpecificHeaders().getHeadersForRecipient(recipient)) {
            headers.append(header.getName()).append(": ").append(header.getValue()).append("\r\n");
        }
        ReceivedOctets message = ReceivedOctets.of(mail, "Return-Path");
        return out -> {
            out.write(headers.toString().getBytes(StandardCharsets.UTF_8));
            try {
                message.writeTo(out);
            } catch (MessagingException e) {
                throw new IOException("Cannot read the message " + mail.getName(), e);
            }
        };
    }

    private void toErrorProcessor(Mail mail, List<MailAddress> recipients, String reason) throws MessagingException {
        if (recipients.isEmpty()) {
            return;
        }
        Mail undelivered = MailImpl.builder()
            .name("maildir-error-" + mail.getName())
            .sender(mail.getMaybeSender())
            .addRecipients(recipients)
            .mimeMessage(mail.getMessage())
            .state(errorProcessor)
            .errorMessage(reason)
            .build();
        try {
            getMailetContext().sendMail(undelivered);
            LOGGER.info("{} not delivered to {}: {}; sent to the {} processor", mail.getName(), recipients, reason, errorProcessor);
        } finally {
            LifecycleUtil.dispose(undelivered);
        }
    }
}
