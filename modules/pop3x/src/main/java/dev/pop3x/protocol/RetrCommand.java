package dev.pop3x.protocol;

import java.io.InputStream;
import java.time.Clock;

import javax.inject.Inject;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.protocol.wire.OnFullyRead;
import dev.pop3x.protocol.wire.Pop3Body;

/** RETR: the whole message as {@link Pop3Body} encodes it, streamed from the maildrop. */
public final class RetrCommand extends Pop3xCommand {
    private static final Logger LOGGER = LoggerFactory.getLogger(RetrCommand.class);

    private final Clock clock;

    @Inject
    public RetrCommand(Replies replies, Clock clock) {
        super(replies, Phase.TRANSACTION, ArgumentShape.MESSAGE, "RETR");
        this.clock = clock;
    }

    /** The whole message went out: counted, and marked retrieved in the maildrop. */
    private void retrieved(Pop3xSession session, Transaction transaction, MaildropMessage message) {
        session.statistics().retrieved(message.octets());
        Retrievals.record(transaction, message, clock.instant());
    }

    @Override
    Reply execute(Pop3xSession session, Arguments arguments) {
        Transaction transaction = session.transaction();
        int number = arguments.message();
        MaildropMessage message = transaction.message(number);
        try {
            InputStream content = transaction.maildrop().content(message);
            InputStream sent = new OnFullyRead(new Pop3Body(content, message.octets()), () -> retrieved(session, transaction, message));
            return Reply.ok(Text.MESSAGE_FOLLOWS).withBody(sent);
        } catch (MaildropException e) {
            LOGGER.warn("RETR {} ({}) of {} failed", number, message.uniqueId(), transaction.user().asString(), e);
            return Reply.unreadable(e, number);
        }
    }
}
