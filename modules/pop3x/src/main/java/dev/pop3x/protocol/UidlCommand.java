package dev.pop3x.protocol;

import java.util.Set;

import javax.inject.Inject;

import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.CapaCapability;

import dev.pop3x.maildrop.MaildropMessage;

/** UIDL: the unique-id of each message not marked deleted, or of one message. */
public final class UidlCommand extends Pop3xCommand implements CapaCapability {
    @Inject
    public UidlCommand(Replies replies) {
        super(replies, Phase.TRANSACTION, ArgumentShape.OPTIONAL_MESSAGE, "UIDL");
    }

    @Override
    Reply execute(Pop3xSession session, Arguments arguments) {
        Transaction transaction = session.transaction();
        if (arguments.optionalMessage().isPresent()) {
            return Reply.okData(transaction.scanLine(arguments.message(), MaildropMessage::uniqueId));
        }
        return Reply.ok(Text.UNIQUE_ID_LISTING).withLines(transaction.scanLines(MaildropMessage::uniqueId));
    }

    /** Listed before login too (RFC 2449: a capability of the TRANSACTION state is announced in both). */
    @Override
    public Set<String> getImplementedCapabilities(POP3Session session) {
        return Set.of("UIDL");
    }
}
