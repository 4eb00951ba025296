package dev.pop3x.protocol;

import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.Executor;

import javax.inject.Inject;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.protocol.wire.OnFullyRead;
import dev.pop3x.protocol.wire.Pop3Body;
import dev.pop3x.protocol.wire.ReadOffLoop;
import dev.pop3x.protocol.wire.WholeOctets;

/**
 * RETR: the whole message as {@link Pop3Body} encodes it. A message of up to {@value MessagesAhead#MAX_WHOLE_OCTETS}
 * octets is read and encoded off the event loop and sent in one write, or sent at once if it was read ahead
 * ({@link MessagesAhead}); a larger one is opened off the event loop and streamed.
 */
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
        if (message.retrieved().isEmpty()) {
            session.statistics().retrievedNew();
        }
        retrievals.record(session, number);
    }

    @Override
    Reply execute(Pop3xSession session, Arguments arguments) {
        Transaction transaction = session.transaction();
        int number = arguments.message();
        MaildropMessage message = transaction.message(number);
        MessagesAhead ahead = session.messagesAhead();
        boolean inOrder = ahead.asked(number);
        Optional<byte[]> ready = ahead.take(number);
        if (ready.isPresent()) {
            readAhead(session, ahead, number, inOrder);
            return whole(session, transaction, number, message, ready.get());
        }
        if (!MessagesAhead.whole(message)) {
            return streamed(session, transaction, number, message);
        }
        Maildrop maildrop = transaction.view();
        Reply reply = offLoop(session, () -> {
            try {
                return whole(session, transaction, number, message, ahead.read(maildrop, message, number));
            } catch (MaildropException e) {
                return unreadable(transaction, number, message, e);
            }
        }, sent -> sent);
        readAhead(session, ahead, number, inOrder);
        return reply;
    }

    /**
     * Reads ahead after this message, after the storage calls already asked for, if it is time to: never after the
     * last message (a client that leaves mail on the server mostly asks for that one, its new mail).
     */
    private static void readAhead(Pop3xSession session, MessagesAhead ahead, int number, boolean inOrder) {
        Transaction transaction = session.transaction();
        if (number < transaction.size() && ahead.shouldFill()) {
            session.input().inBackground("Reading ahead", () -> {
                ahead.fillAfter(transaction, number, inOrder);
                return null;
            });
        }
    }

    private Reply whole(Pop3xSession session, Transaction transaction, int number, MaildropMessage message, byte[] content) {
        DeletionAudit.sent(transaction, message, content);
        return Reply.ok(Text.MESSAGE_FOLLOWS).withBody(WholeOctets.of(content).whenSent(() -> retrieved(session, number, message)));
    }

    /**
     * A message too large to hold in memory: opened off the event loop, and read there too as it is sent
     * ({@link ReadOffLoop}); the retrieval is recorded on the event loop once it is read to its end.
     */
    private Reply streamed(Pop3xSession session, Transaction transaction, int number, MaildropMessage message) {
        Maildrop maildrop = transaction.view();
        Executor eventLoop = session.input().later();
        Executor reader = session.input().storageLine();
        return offLoop(session, () -> {
            try {
                InputStream content = maildrop.content(message);
                InputStream sent = new OnFullyRead(new Pop3Body(content, message.octets()),
                    () -> eventLoop.execute(() -> retrieved(session, number, message)));
                return Reply.ok(Text.MESSAGE_FOLLOWS).withBody(new ReadOffLoop(sent, reader));
            } catch (MaildropException e) {
                return unreadable(transaction, number, message, e);
            }
        }, reply -> reply);
    }

    /** The message could not be read (deleted behind the session's back, a store failing): logged, and the reply. */
    private static Reply unreadable(Transaction transaction, int number, MaildropMessage message, MaildropException e) {
        LOGGER.warn("RETR {} ({}) of {} failed", number, message.uniqueId(), transaction.user().asString(), e);
        return Reply.unreadable(e, number);
    }
}
