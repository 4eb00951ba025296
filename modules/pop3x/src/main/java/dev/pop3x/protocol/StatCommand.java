package dev.pop3x.protocol;

import javax.inject.Inject;

/** STAT: {@code +OK <messages> <octets>}, messages marked deleted left out; constant time. */
public final class StatCommand extends Pop3xCommand {
    @Inject
    public StatCommand(Replies replies) {
        super(replies, Phase.TRANSACTION, ArgumentShape.NONE, "STAT");
    }

    @Override
    Reply execute(Pop3xSession session, Arguments arguments) {
        Transaction transaction = session.transaction();
        return Reply.okData(transaction.remainingCount() + " " + transaction.remainingOctets());
    }
}
