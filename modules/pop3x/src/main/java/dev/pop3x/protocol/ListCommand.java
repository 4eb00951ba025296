package dev.pop3x.protocol;

import javax.inject.Inject;

import dev.pop3x.maildrop.MaildropMessage;

/**
 * LIST: {@code +OK <messages> <octets>} then {@code <number> <octets>} for each message not marked deleted, or
 * {@code +OK <number> <octets>} for one message.
 */
public final class ListCommand extends Pop3xCommand {
    @Inject
    public ListCommand(Replies replies) {
        super(replies, Phase.TRANSACTION, ArgumentShape.OPTIONAL_MESSAGE, "LIST");
    }

    @Override
    Reply execute(Pop3xSession session, Arguments arguments) {
        Transaction transaction = session.transaction();
        if (arguments.optionalMessage().isPresent()) {
            return Reply.okData(transaction.scanLine(arguments.message(), MaildropMessage::octets));
        }
        return Reply.okData(transaction.remainingCount() + " " + transaction.remainingOctets())
            .withLines(transaction.scanLines(MaildropMessage::octets));
    }
}
