package dev.pop3x.protocol;

import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.Executor;

import javax.inject.Inject;

import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.CapaCapability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.protocol.wire.OnFullyRead;
import dev.pop3x.protocol.wire.Pop3Body;
import dev.pop3x.protocol.wire.ReadOffLoop;
import dev.pop3x.protocol.wire.TopLines;

/**
 * TOP msg n: the header section and the first n lines of the body. {@code TOP msg 0} reads the headers only from
 * the maildrop, where James 3.8.1 reads the whole message and cuts it.
 */
public final class TopCommand extends Pop3xCommand implements CapaCapability {
    private static final Logger LOGGER = LoggerFactory.getLogger(TopCommand.class);

    private final Retrievals retrievals;

    @Inject
    public TopCommand(Replies replies, Retrievals retrievals) {
        super(replies, Phase.TRANSACTION, ArgumentShape.MESSAGE_AND_LINES, "TOP");
        this.retrievals = retrievals;
    }

    @Override
    Reply execute(Pop3xSession session, Arguments arguments) {
        Transaction transaction = session.transaction();
        int number = arguments.message();
        int lines = arguments.lines();
        MaildropMessage message = transaction.message(number);
        Maildrop maildrop = transaction.view();
        boolean headersOnly = lines == 0;
        session.statistics().topped();
        Executor eventLoop = session.input().later();
        Executor reader = session.input().storageLine();
        return offLoop(session, () -> {
            try {
                InputStream source = headersOnly ? maildrop.headers(message) : maildrop.content(message);
                TopLines top = new TopLines(source, lines);
                // a TOP that sent the whole message retrieved it, as a RETR does; read off the event loop as it is sent
                return Reply.ok(Text.MESSAGE_FOLLOWS).withBody(new ReadOffLoop(new OnFullyRead(new Pop3Body(top, message.octets()), () -> {
                    if (!headersOnly && top.sentWholeMessage()) {
                        eventLoop.execute(() -> retrievals.record(session, number));
                    }
                }), reader));
            } catch (MaildropException e) {
                LOGGER.warn("TOP {} ({}) of {} failed", number, message.uniqueId(), transaction.user().asString(), e);
                return Reply.unreadable(e, number);
            }
        }, reply -> reply);
    }

    /** Listed before login too (RFC 2449: a capability of the TRANSACTION state is announced in both). */
    @Override
    public Set<String> getImplementedCapabilities(POP3Session session) {
        return Set.of("TOP");
    }
}
