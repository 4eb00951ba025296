package dev.pop3x.protocol;

import java.time.Clock;
import java.time.Instant;
import java.util.OptionalInt;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropMessage;

/**
 * Records in the maildrop that a client retrieved a message in full (a failure costs a log line, not the
 * session), and watches for re-download storms: a session that retrieves, again, many messages that the ledger says
 * a client had retrieved before it logged in is what clients that leave mail on the server do when the UIDLs
 * changed (a migration, or a changed {@code maildir.uidl} or {@code james.uidl}). From {@code redownload.warning}
 * such messages in one session, one WARN line names the user; the metrics count them.
 */
final class Retrievals {
    private static final Logger LOGGER = LoggerFactory.getLogger(Retrievals.class);

    private final Clock clock;
    private final SessionSettings settings;
    private final Metric redownloads;
    private final Metric storms;

    @Inject
    Retrievals(Clock clock, SessionSettings settings, MetricFactory metricFactory) {
        this.clock = clock;
        this.settings = settings;
        this.redownloads = metricFactory.generate("pop3x-redownloads");
        this.storms = metricFactory.generate("pop3x-redownload-storms");
    }

    /** Message {@code number} of the session's maildrop went out in full. */
    void record(Pop3xSession session, int number) {
        Transaction transaction = session.transaction();
        MaildropMessage message = transaction.message(number);
        if (transaction.firstFullRetrievalHere(number) && message.retrieved().isPresent()) {
            retrievedAgain(session, transaction.user(), message);
        }
        Maildrop maildrop = transaction.view();
        Instant when = clock.instant();
        session.input().deferred("Recording that " + message.uniqueId() + " of " + transaction.user().asString() + " was retrieved", () -> {
            maildrop.markRetrieved(message, when);
            return null;
        });
    }

    private void retrievedAgain(Pop3xSession session, Username user, MaildropMessage message) {
        redownloads.increment();
        int count = session.statistics().retrievedAgain();
        OptionalInt warning = settings.redownloadWarning().forUser(user);
        if (warning.isPresent() && count == warning.getAsInt()) {
            storms.increment();
            LOGGER.warn("Re-download storm? user={} ip={} has retrieved {} messages in this session that clients had "
                    + "already retrieved (the last: {}, first retrieved {}); if the maildrop's UIDLs changed (a migration, "
                    + "maildir.uidl, james.uidl), every client that leaves mail on the server is downloading it all again",
                user.asString(), session.remoteAddress(), count, message.uniqueId(), message.retrieved().get());
        }
    }
}
