package dev.pop3x.protocol;

import java.io.InputStream;

import javax.inject.Inject;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.protocol.wire.OnFullyRead;
import dev.pop3x.protocol.wire.Pop3Body;

/** RETR: the whole message as {@link Pop3Body} encodes it, streamed from the maildrop. */
public final class RetrCommand extends Pop3xCommand {
    private static final Logger LOGGER = LoggerFactory.getLogger(RetrCommand.class);

    private final Retrievals retrievals;

    @Inject
    public RetrCommand(Replies replies, Retrievals retrievals) {
        super(replies, Phase.TRANSACTION, ArgumentShape.MESSAGE, "RETR");
        this.retrievals = retrievals;
    }

    /** The whole message went out: counted, and marked retrieved in the maildrop. */
    private void retrieved(Pop3xSession session, int number, MaildropMessage message) {
        session.statistics().retrieved(message.octets());
        retrievals.record(session, number);
    }

    /** The message is opened off the event loop; the reply streams it. */
    @Override
    Reply execute(Pop3xSession session, Arguments arguments) {
        Transaction transaction = session.transaction();
        int number = arguments.message();
        MaildropMessage message = transaction.message(number);
        Maildrop maildrop = transaction.view();
        return offLoop(session, () -> {
            try {
                InputStream content = maildrop.content(message);
                InputStream sent = new OnFullyRead(new Pop3Body(content, message.octets()), () -> retrieved(session, number, message));
                return Reply.ok(Text.MESSAGE_FOLLOWS).withBody(sent);
            } catch (MaildropException e) {
                LOGGER.warn("RETR {} ({}) of {} failed", number, message.uniqueId(), transaction.user().asString(), e);
                return Reply.unreadable(e, number);
            }
        }, reply -> reply);
    }
}
