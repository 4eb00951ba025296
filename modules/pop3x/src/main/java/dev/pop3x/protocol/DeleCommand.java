package dev.pop3x.protocol;

import javax.inject.Inject;

/** DELE: marks a message deleted; it leaves the maildrop only when QUIT enters the UPDATE state. */
public final class DeleCommand extends Pop3xCommand {
    @Inject
    public DeleCommand(Replies replies) {
        super(replies, Phase.TRANSACTION, ArgumentShape.MESSAGE, "DELE");
    }

    @Override
    Reply execute(Pop3xSession session, Arguments arguments) {
        session.transaction().markDeleted(arguments.message());
        return Reply.ok(Text.MESSAGE_DELETED);
    }
}
