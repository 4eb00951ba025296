package dev.pop3x.protocol;

import java.util.List;

import javax.inject.Inject;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.policy.PolicyEnforcer;
import dev.pop3x.policy.PolicyReport;
import dev.pop3x.policy.PolicyTrigger;

/**
 * QUIT: in the TRANSACTION state, enters the UPDATE state: the messages marked deleted are expunged, the deletion
 * policy runs on the rest, then the maildrop is released and the connection closed.
 */
public final class QuitCommand extends Pop3xCommand {
    private static final Logger LOGGER = LoggerFactory.getLogger(QuitCommand.class);

    private final Logout logout;
    private final PolicyEnforcer deletionPolicy;

    @Inject
    public QuitCommand(Replies replies, Logout logout, PolicyEnforcer deletionPolicy) {
        super(replies, Phase.ANY, ArgumentShape.NONE, "QUIT");
        this.logout = logout;
        this.deletionPolicy = deletionPolicy;
    }

    @Override
    Reply execute(Pop3xSession session, Arguments arguments) {
        Reply reply = session.loggedIn() ? update(session) : Reply.ok(Text.SIGN_OFF);
        logout.end(session, "QUIT");
        return reply.then(Reply.After.END_SESSION);
    }

    /** The UPDATE state: the client's deletions, then the deletion policy on what is left. */
    private Reply update(Pop3xSession session) {
        Transaction transaction = session.transaction();
        List<MaildropMessage> deleted = transaction.deletedMessages();
        if (!transaction.stillLocked()) {
            LOGGER.error("The maildrop lock of {} was lost during the session (another node broke its lease): nothing is expunged",
                transaction.user().asString());
            return deleted.isEmpty() ? Reply.ok(Text.SIGN_OFF) : Reply.err(ResponseCode.IN_USE, Text.SIGN_OFF_NOT_CLEAN);
        }
        if (!deleted.isEmpty()) {
            try {
                transaction.maildrop().expunge(deleted);
                session.statistics().expunged(transaction.deletedCount(), transaction.deletedOctets());
            } catch (MaildropException e) {
                LOGGER.error("Expunging {} messages of {} failed", transaction.deletedCount(), transaction.user().asString(), e);
                return Reply.err(ResponseCode.forFailure(e.kind()), Text.SIGN_OFF_NOT_CLEAN);
            }
        }
        try {
            PolicyReport report = deletionPolicy.enforce(transaction.user(), transaction.store(), deleted, PolicyTrigger.QUIT);
            if (!report.dryRun()) {
                session.statistics().expired(report.expunctions().size(), report.expungedOctets());
            }
        } catch (MaildropException | RuntimeException e) {
            // the client's own deletions are done; the policy runs again at the next QUIT or sweep
            LOGGER.warn("The deletion deletionPolicy did not run for {}", transaction.user().asString(), e);
        }
        return Reply.ok(Text.SIGN_OFF);
    }
}
