package dev.pop3x.smtp;

import java.io.IOException;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.james.smtpserver.JamesMessageHook;
import org.apache.mailet.Mail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.delivery.HeaderOctets;

/**
 * Records the header of each message James's SMTP server receives with an 8-bit octet in it (raw UTF-8 or a legacy
 * charset), octet for octet, on the mail ({@link HeaderOctets}), before James queues it: James's copies then write
 * {@code ?} for those octets, and pop3x's delivery mailets ({@code ToMaildir}, {@code IntactLocalDelivery}) put them
 * back. A message whose header is all ASCII gets no record. In the SMTP server's handler chain, before James's
 * {@code CoreCmdHandlerLoader}, whose last message hook queues the mail:
 *
 * <pre>
 * &lt;handler class="dev.pop3x.smtp.RecordHeaderOctets"/&gt;
 * </pre>
 *
 * It never refuses a message: one it cannot read is queued without a record, with a WARN.
 */
public final class RecordHeaderOctets implements JamesMessageHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(RecordHeaderOctets.class);

    @Override
    public HookResult onMessage(SMTPSession session, Mail mail) {
        try {
            MimeMessage message = mail.getMessage();
            if (message instanceof MimeMessageWrapper) {
                Optional<HeaderOctets> header = HeaderOctets.ofReceived((MimeMessageWrapper) message);
                if (header.isPresent()) {
                    mail.setAttribute(header.get().asAttribute());
                    LOGGER.debug("Recorded the {} octets of the 8-bit header of {}", header.get().size(), mail.getName());
                }
            }
        } catch (IOException | MessagingException e) {
            LOGGER.warn("Cannot read the header of {}: its 8-bit octets, if any, will reach the maildrop as '?'", mail.getName(), e);
        }
        return HookResult.DECLINED;
    }
}
