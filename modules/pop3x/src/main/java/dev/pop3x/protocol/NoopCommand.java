package dev.pop3x.protocol;

import javax.inject.Inject;

/** NOOP: {@code +OK}. */
public final class NoopCommand extends Pop3xCommand {
    @Inject
    public NoopCommand(Replies replies) {
        super(replies, Phase.TRANSACTION, ArgumentShape.NONE, "NOOP");
    }

    @Override
    Reply execute(Pop3xSession session, Arguments arguments) {
        return Reply.ok();
    }
}
