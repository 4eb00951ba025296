package dev.pop3x.delivery;

import org.apache.james.core.MailAddress;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.Metric;
import org.apache.james.transport.mailets.delivery.MailStore;
import org.apache.james.transport.mailets.delivery.SimpleMailStore;
import org.apache.james.user.api.UsersRepository;
import org.apache.mailet.Mail;
import org.reactivestreams.Publisher;

/**
 * James's {@link SimpleMailStore} (the user, Sieve's folder and flags, the log line, the metric) appending each mail's
 * {@link ReceivedOctets}: one store per mail, since what the SMTP server recorded is the mail's, not its message's.
 */
public final class IntactMailStore implements MailStore {
    private final MailboxManager mailboxManager;
    private final UsersRepository users;
    private final Metric delivered;
    private final String folder;

    public IntactMailStore(MailboxManager mailboxManager, UsersRepository users, Metric delivered, String folder) {
        this.mailboxManager = mailboxManager;
        this.users = users;
        this.delivered = delivered;
        this.folder = folder;
    }

    @Override
    public Publisher<Void> storeMail(MailAddress recipient, Mail mail) {
        return SimpleMailStore.builder()
            .mailboxAppender(new ReceivedOctetsAppender(mailboxManager, HeaderOctets.recordedOn(mail)))
            .usersRepository(users)
            .folder(folder)
            .metric(delivered)
            .build()
            .storeMail(recipient, mail);
    }
}
