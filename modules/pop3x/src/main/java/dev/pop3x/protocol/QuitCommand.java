package dev.pop3x.protocol;

import javax.inject.Inject;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.maildrop.MaildropException;

/**
 * QUIT: in the TRANSACTION state, enters the UPDATE state: the messages marked deleted are expunged, then the
 * maildrop is released and the connection closed.
 */
public final class QuitCommand extends Pop3xCommand {
    private static final Logger LOGGER = LoggerFactory.getLogger(QuitCommand.class);

    private final Logout logout;

    @Inject
    public QuitCommand(Texts texts, Logout logout) {
        super(texts, Phase.ANY, "QUIT");
        this.logout = logout;
    }

    @Override
    Reply execute(Pop3xSession session, String command, String argument) {
        Reply reply = session.loggedIn() ? update(session) : Reply.ok(Text.SIGN_OFF);
        logout.end(session, "QUIT");
        return reply.endingSession();
    }

    private Reply update(Pop3xSession session) {
        Transaction transaction = session.transaction();
        if (transaction.deletedCount() == 0) {
            return Reply.ok(Text.SIGN_OFF);
        }
        try {
            transaction.maildrop().expunge(transaction.deletedMessages());
            session.statistics().expunged(transaction.deletedCount(), transaction.deletedOctets());
            return Reply.ok(Text.SIGN_OFF);
        } catch (MaildropException e) {
            LOGGER.error("Expunging {} messages of {} failed", transaction.deletedCount(), transaction.user().asString(), e);
            return Reply.err(e.kind() == MaildropException.Kind.PERMANENT ? ResponseCode.SYS_PERM : ResponseCode.SYS_TEMP,
                Text.SIGN_OFF_NOT_CLEAN);
        }
    }
}
