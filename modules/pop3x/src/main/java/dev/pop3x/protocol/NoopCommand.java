package dev.pop3x.protocol;

import javax.inject.Inject;

/** NOOP: {@code +OK}; arguments are ignored, as Dovecot does. */
public final class NoopCommand extends Pop3xCommand {
    @Inject
    public NoopCommand(Texts texts) {
        super(texts, Phase.TRANSACTION, "NOOP");
    }

    @Override
    Reply execute(Pop3xSession session, String command, String argument) {
        return Reply.ok(Text.NONE);
    }
}
