package dev.pop3x.protocol;

import javax.inject.Inject;

/**
 * RSET: unmarks every message marked deleted, and nothing else. James 3.8.1 also re-reads the maildrop, so mail
 * that arrived during the session appears and numbers can shift; RFC 1939 fixes the maildrop at login.
 */
public final class RsetCommand extends Pop3xCommand {
    @Inject
    public RsetCommand(Replies replies) {
        super(replies, Phase.TRANSACTION, ArgumentShape.NONE, "RSET");
    }

    @Override
    Reply execute(Pop3xSession session, Arguments arguments) {
        session.transaction().unmarkAll();
        return Reply.ok();
    }
}
