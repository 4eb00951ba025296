package dev.pop3x.stores;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.james.core.Username;
import org.apache.james.metrics.tests.RecordingMetricFactory;

import dev.pop3x.Pop3xSettings;
import dev.pop3x.devices.DeviceSettings;
import dev.pop3x.devices.Devices;
import dev.pop3x.devices.SessionView;
import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.maildrop.StoreCalls;
import dev.pop3x.maildrop.james.JamesBackendSettings;
import dev.pop3x.maildrop.james.JamesMaildropStore;
import dev.pop3x.maildrop.james.JamesNotes;
import dev.pop3x.maildrop.james.JamesQuotas;
import dev.pop3x.policy.PolicyEnforcer;
import dev.pop3x.policy.PolicySettings;
import dev.pop3x.policy.PolicyTrigger;

/**
 * The store calls a pop3x POP3 session makes on the james backend with the default settings, made with pop3x's own
 * classes: at login the maildrop is opened (the INBOX's state, then its listing or the cached one) and the device
 * view reads the hidden messages' note; STAT, UIDL and LIST read the listing; RETR reads a message and marks it
 * retrieved; QUIT expunges the deleted messages, runs the deletion policy (which reads the quota) and closes the
 * maildrop (which stores the retrievals). What the network and the POP3 protocol add is not in these figures.
 */
final class Pop3Sessions {
    private final JamesStore store;
    private final Devices devices = new Devices(new DeviceSettings(Pop3xSettings.defaults()), Clock.systemUTC());
    private final PolicyEnforcer policy = new PolicyEnforcer(new PolicySettings(Pop3xSettings.defaults()), Clock.systemUTC(),
        new RecordingMetricFactory());
    private JamesMaildropStore maildrops;

    Pop3Sessions(JamesStore store) {
        this.store = store;
        this.maildrops = newMaildropStore();
    }

    private JamesMaildropStore newMaildropStore() {
        return new JamesMaildropStore(store.mailboxManager(), new JamesQuotas(store.quotaManager(), store.quotaRoots()),
            new JamesBackendSettings(Pop3xSettings.of(Map.of())), new JamesNotes(store.blobStore(), store.blobIds(), store.mappers(), StoreCalls.uncounted()),
            StoreCalls.uncounted());
    }

    /** Forgets the listings of earlier logins, as a restarted server would: the next logins read them. */
    void forgetListings() {
        maildrops = newMaildropStore();
    }

    /** Login, STAT, UIDL, LIST, QUIT; returns the length of the UIDL listing. */
    int scan(Username user, CallTimes times) throws Exception {
        SessionView view = login(user, times);
        long octets = 0;
        StringBuilder uidl = new StringBuilder();
        for (MaildropMessage message : view.messages()) {
            octets += message.octets();
            uidl.append(message.uniqueId()).append(' ').append(message.octets()).append("\r\n");
        }
        uidl.append(octets);
        quit(user, view, List.of());
        return uidl.length();
    }

    /** Login, RETR of every message, QUIT, leaving the mail on the server; returns the octets retrieved. */
    long retrieveAll(Username user, CallTimes times) throws Exception {
        return retrieveAll(user, false, times);
    }

    /** Login, RETR and DELE of every message, QUIT; returns the messages retrieved. */
    long downloadAndDelete(Username user, CallTimes times) throws Exception {
        return retrieveAll(user, true, times);
    }

    private long retrieveAll(Username user, boolean delete, CallTimes times) throws Exception {
        SessionView view = login(user, times);
        TimedMaildrop timed = (TimedMaildrop) view.maildrop();
        long octets = 0;
        List<MaildropMessage> deleted = new ArrayList<>();
        for (MaildropMessage message : view.messages()) {
            octets += timed.retrieve(message);
            view.markRetrieved(message, Instant.now());
            if (delete) {
                deleted.add(message);
            }
        }
        quit(user, view, deleted);
        return delete ? deleted.size() : octets;
    }

    private SessionView login(Username user, CallTimes times) throws Exception {
        long start = System.nanoTime();
        TimedMaildrop maildrop = new TimedMaildrop(maildrops.open(user), times);
        times.add("open", System.nanoTime() - start);
        return devices.open(user, Optional.empty(), maildrop);
    }

    private void quit(Username user, SessionView view, List<MaildropMessage> deleted) throws Exception {
        if (!deleted.isEmpty()) {
            view.expunge(deleted);
        }
        policy.enforce(user, view.maildrop(), deleted, PolicyTrigger.QUIT);
        view.maildrop().close();
    }
}
