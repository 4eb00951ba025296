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
        if (!session.loggedIn()) {
            logout.end(session, "QUIT");
            return Reply.ok(Text.SIGN_OFF).then(Reply.After.END_SESSION);
        }
        Transaction transaction = session.transaction();
        List<MaildropMessage> deleted = transaction.deletedMessages();
        if (deleted.isEmpty() && deletionPolicy.nothingDueAtQuit(transaction.user(), transaction.maildrop()).isPresent()) {
            // an UPDATE state with nothing to remove, as a polling session that leaves its mail has: no store call
            return ended(session, new Update(Reply.ok(Text.SIGN_OFF)));
        }
        DeletionAudit.Client client = new DeletionAudit.Client(session);
        return offLoop(session, () -> update(transaction, deleted, client), update -> ended(session, update));
    }

    /**
     * On the event loop, once the UPDATE state is done: the reply. The session ends once it is sent: its retrievals are
     * stored and its maildrop released off the event loop, before the connection is closed
     * ({@link SessionInput#endAfterLastReply}).
     */
    private Reply ended(Pop3xSession session, Update update) {
        session.statistics().expunged(update.expunged, update.expungedOctets);
        session.statistics().expired(update.expired, update.expiredOctets);
        session.input().endAfterLastReply(() -> logout.end(session, "QUIT"));
        return update.reply.then(Reply.After.END_SESSION);
    }

    /**
     * The UPDATE state, off the event loop: the client's deletions, then the deletion policy on what is left. The
     * reply follows at once; the retrievals the session recorded are stored and the maildrop is released after it,
     * before the connection is closed ({@link SessionInput#endAfterLastReply}).
     */
    private Update update(Transaction transaction, List<MaildropMessage> deleted, DeletionAudit.Client client) {
        if (!transaction.stillLocked()) {
            LOGGER.error("The maildrop lock of {} was lost during the session (another node broke its lease): nothing is expunged",
                transaction.user().asString());
            return new Update(deleted.isEmpty() ? Reply.ok(Text.SIGN_OFF) : Reply.err(ResponseCode.IN_USE, Text.SIGN_OFF_NOT_CLEAN));
        }
        Update update = new Update(Reply.ok(Text.SIGN_OFF));
        if (!deleted.isEmpty()) {
            try {
                DeletionAudit.expunge(transaction, deleted, client);
                update.expunged = deleted.size();
                update.expungedOctets = deleted.stream().mapToLong(MaildropMessage::octets).sum();
            } catch (MaildropException e) {
                LOGGER.error("Expunging {} messages of {} failed", deleted.size(), transaction.user().asString(), e);
                return new Update(Reply.err(ResponseCode.forFailure(e.kind()), Text.SIGN_OFF_NOT_CLEAN));
            }
        }
        try {
            PolicyReport report = deletionPolicy.enforce(transaction.user(), transaction.maildrop(), deleted, PolicyTrigger.QUIT);
            if (!report.dryRun()) {
                update.expired = report.expunctions().size();
                update.expiredOctets = report.expungedOctets();
            }
        } catch (MaildropException | RuntimeException e) {
            // the client's own deletions are done; the policy runs again at the next QUIT or sweep
            LOGGER.warn("The deletion policy did not run for {}", transaction.user().asString(), e);
        }
        return update;
    }

    /** What the UPDATE state did. */
    private static final class Update {
        private final Reply reply;
        private int expunged;
        private long expungedOctets;
        private int expired;
        private long expiredOctets;

        Update(Reply reply) {
            this.reply = reply;
        }
    }
}
