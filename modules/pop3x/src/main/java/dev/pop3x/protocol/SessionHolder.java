package dev.pop3x.protocol;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.log.Untrusted;
import dev.pop3x.maildrop.MaildropLocks;

/**
 * A session as the holder of its maildrop: it gives the maildrop up to a later login once it has been idle long
 * enough, a session whose client is gone without a word (a phone that lost its network leaves a half-open
 * connection, which the server notices only at the idle timeout). It ends as a lost connection does, without its
 * UPDATE state: its deletion marks are dropped, nothing is expunged. It is never taken over in the middle of a
 * command, since the take-over runs on the session's own event loop, between two of its commands.
 */
final class SessionHolder implements MaildropLocks.Holder {
    private static final Logger LOGGER = LoggerFactory.getLogger(SessionHolder.class);

    private final Pop3xSession session;
    private final Logout logout;
    private final Replies replies;

    SessionHolder(Pop3xSession session, Logout logout, Replies replies) {
        this.session = session;
        this.logout = logout;
        this.replies = replies;
    }

    @Override
    public String id() {
        return session.james().getSessionID();
    }

    @Override
    public boolean yieldIfIdle(Duration idle, MaildropLocks.Holder requester) {
        // a first look from the requester's thread; the session looks again on its own before it yields
        if (session.isEnded() || session.idleFor().compareTo(idle) < 0) {
            return false;
        }
        session.input().later().execute(() -> giveUp(idle, requester));
        return true;
    }

    private void giveUp(Duration idle, MaildropLocks.Holder requester) {
        Duration idleFor = session.idleFor();
        if (session.isEnded() || session.input().owing() || idleFor.compareTo(idle) < 0) {
            // a session whose storage work is under way is in the middle of a command
            return;
        }
        LOGGER.info("Maildrop of {} taken over: session {} from {}, idle {} s, ends without deleting anything; session {} logs in",
            session.user().map(Untrusted::word).orElse("-"), id(), session.remoteAddress(), idleFor.toSeconds(), requester.id());
        logout.end(session, "taken-over");
        session.input().write(replies.render(session, "take-over", Reply.err(Text.TAKEN_OVER).then(Reply.After.END_SESSION)));
    }
}
