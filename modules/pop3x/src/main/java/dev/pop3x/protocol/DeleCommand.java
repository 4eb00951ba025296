package dev.pop3x.protocol;

import javax.inject.Inject;

/** DELE: marks a message deleted; it leaves the maildrop only when QUIT enters the UPDATE state. */
public final class DeleCommand extends Pop3xCommand {
    @Inject
    public DeleCommand(Replies replies) {
        super(replies, Phase.TRANSACTION, "DELE");
    }

    @Override
    Reply execute(Pop3xSession session, String command, String argument) {
        Transaction transaction = session.transaction();
        ArgumentShape.Parsed parsed = ArgumentShape.MESSAGE.parse(command, argument, transaction);
        if (parsed.refusal().isPresent()) {
            return parsed.refusal().get();
        }
        transaction.markDeleted(parsed.message().getAsInt());
        return Reply.ok(Text.MESSAGE_DELETED);
    }
}
