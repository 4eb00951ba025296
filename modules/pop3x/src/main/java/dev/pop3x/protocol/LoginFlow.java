package dev.pop3x.protocol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.protocols.api.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.devices.Devices;
import dev.pop3x.devices.SessionView;
import dev.pop3x.devices.TooManyDevices;
import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropLocks;
import dev.pop3x.maildrop.MaildropLocks.MaildropLock;
import dev.pop3x.maildrop.MaildropSettings;
import dev.pop3x.maildrop.MaildropStore;
import dev.pop3x.maildrop.WithNotice;
import dev.pop3x.policy.PolicySettings;
import dev.pop3x.policy.QuotaNotice;
import dev.pop3x.policy.UserPolicy;

/**
 * What follows right credentials, whichever command brought them (PASS or AUTH): lock the maildrop (waiting for a
 * holder to let go, {@code [IN-USE]} if it does not, see {@link MaildropLocks}), open it ({@code [SYS/TEMP]}/
 * {@code [SYS/PERM]} if it cannot be), enforce LOGIN-DELAY ({@code [LOGIN-DELAY]}), and enter the TRANSACTION state.
 * A failure leaves the session at the start of the AUTHORIZATION state.
 */
final class LoginFlow {
    private static final Logger LOGGER = LoggerFactory.getLogger(LoginFlow.class);

    private final MaildropStore store;
    private final MaildropLocks locks;
    private final Logout logout;
    private final Replies replies;
    private final MaildropSettings maildropSettings;
    private final SessionSettings settings;
    private final PolicySettings policySettings;
    private final Clock clock;
    private final Devices devices;
    private final LoginReadAhead loginReadAhead;
    private final Metric logins;
    private final Metric inUse;
    private final Metric tooSoon;
    private final Metric unavailable;

    @Inject
    LoginFlow(MaildropStore store, MaildropLocks locks, Logout logout, Replies replies, MaildropSettings maildropSettings,
              SessionSettings settings, PolicySettings policySettings, Clock clock, Devices devices, LoginReadAhead loginReadAhead,
              MetricFactory metricFactory) {
        this.policySettings = policySettings;
        this.loginReadAhead = loginReadAhead;
        this.devices = devices;
        this.store = store;
        this.locks = locks;
        this.logout = logout;
        this.replies = replies;
        this.maildropSettings = maildropSettings;
        this.settings = settings;
        this.clock = clock;
        this.logins = metricFactory.generate("pop3x-logins");
        this.inUse = metricFactory.generate("pop3x-logins-in-use");
        this.tooSoon = metricFactory.generate("pop3x-logins-too-soon");
        this.unavailable = metricFactory.generate("pop3x-logins-maildrop-unavailable");
    }

    /**
     * Locks and opens the maildrop; the reply is sent later, once both are done off the event loop.
     *
     * @param command PASS or AUTH, for the log line of a refusal
     * @return null: the session's input owes the reply
     */
    Reply enter(Pop3xSession session, String command, Username user, Optional<String> device) {
        session.input().owe();
        if (!maildropSettings.lock()) {
            open(session, command, user, device, Optional.empty());
            return null;
        }
        whenLocked(session, command, user, device, locks.lock(user, device, new SessionHolder(session, logout, replies)));
        return null;
    }

    /**
     * Off the event loop, in the storage call that checked the credentials: the lock taken and the maildrop opened
     * there and then when the lock is free, which it mostly is; no thread hand-off between the check and the open.
     * {@link #entered} concludes it on the event loop.
     */
    Entry enterNow(Pop3xSession session, Username user, Optional<String> device) {
        if (!maildropSettings.lock()) {
            return new Entry(user, device, Optional.of(opened(session, user, device, Optional.empty())), null);
        }
        CompletableFuture<Optional<MaildropLock>> lock = locks.lock(user, device, new SessionHolder(session, logout, replies));
        Optional<MaildropLock> held = lock.getNow(Optional.empty());
        if (held.isPresent()) {
            return new Entry(user, device, Optional.of(opened(session, user, device, held)), null);
        }
        return new Entry(user, device, Optional.empty(), lock);
    }

    /**
     * On the event loop: enters the TRANSACTION state with what {@link #enterNow} opened, or goes on waiting for the
     * lock.
     *
     * @return the reply, or null when it is sent later
     */
    Response entered(Pop3xSession session, String command, Entry entry) {
        if (entry.opened.isPresent()) {
            return conclude(session, command, entry.user, entry.device, entry.opened.get(), null);
        }
        session.input().owe();
        whenLocked(session, command, entry.user, entry.device, entry.lock);
        return null;
    }

    private void whenLocked(Pop3xSession session, String command, Username user, Optional<String> device,
                            CompletableFuture<Optional<MaildropLock>> locking) {
        locking.thenAcceptAsync(lock -> {
            if (session.isEnded()) {
                // the client left while it waited
                lock.ifPresent(left -> session.input().inBackground("Releasing the maildrop lock of " + user.asString(), () -> {
                    left.release();
                    return null;
                }));
            } else if (lock.isEmpty()) {
                inUse.increment();
                LOGGER.info("Maildrop of {}{} is in use by session {}; login from {} refused", user.asString(), onDevice(device),
                    locks.holder(user, device).orElse("(released just now)"), session.remoteAddress());
                session.input().reply(replies.render(session, command, failing(session, Reply.err(ResponseCode.IN_USE, Text.IN_USE))));
            } else {
                open(session, command, user, device, lock);
            }
        }, session.input().later());
    }

    /** Where a login stands after the credentials were checked: the maildrop opened (or refused), or the lock awaited. */
    static final class Entry {
        private final Username user;
        private final Optional<String> device;
        private final Optional<Opened> opened;
        /** null once opened */
        private final CompletableFuture<Optional<MaildropLock>> lock;

        private Entry(Username user, Optional<String> device, Optional<Opened> opened, CompletableFuture<Optional<MaildropLock>> lock) {
            this.user = user;
            this.device = device;
            this.opened = opened;
            this.lock = lock;
        }
    }

    private static Reply failing(Pop3xSession session, Reply reply) {
        if (!reply.isOk()) {
            session.forgetUser();
        }
        return reply;
    }

    private static String onDevice(Optional<String> device) {
        return device.map(name -> " (device " + name + ")").orElse("");
    }

    /** Opens the maildrop off the event loop, then enters the TRANSACTION state, or refuses the login. */
    private void open(Pop3xSession session, String command, Username user, Optional<String> device, Optional<MaildropLock> lock) {
        session.input().offLoop(() -> opened(session, user, device, lock), (opened, failure) -> conclude(session, command, user, device, opened, failure));
    }

    /** On the event loop: the TRANSACTION state entered with the maildrop opened, or the login refused. */
    private Response conclude(Pop3xSession session, String command, Username user, Optional<String> device, Opened opened, Throwable failure) {
        if (failure != null) {
            // the maildrop and the lock were let go where it failed
            LOGGER.error("Cannot open the maildrop of {}", user.asString(), failure);
            return replies.render(session, command, failing(session, Reply.err(ResponseCode.SYS_TEMP, Text.MAILDROP_TEMPORARY_FAILURE)));
        }
        if (opened.transaction.isEmpty()) {
            return replies.render(session, command, failing(session, opened.refusal));
        }
        Transaction transaction = opened.transaction.get();
        if (session.isEnded()) {
            session.input().inBackground("Releasing the maildrop of " + user.asString(), () -> {
                transaction.end();
                return null;
            });
            return null;
        }
        session.enterTransaction(transaction);
        logins.increment();
        LOGGER.info("Login user={}{} ip={} tls={} messages={} octets={}", user.asString(), device.map(name -> " device=" + name).orElse(""),
            session.remoteAddress(), session.tlsActive(), transaction.size(), transaction.remainingOctets());
        return replies.render(session, command, Reply.ok(Text.WELCOME, user.asString()));
    }

    /**
     * Opens the maildrop and lists it, and reads ahead the mail no client has retrieved ({@link LoginReadAhead}), off
     * the event loop; on a refusal, the maildrop and the lock are let go.
     */
    private Opened opened(Pop3xSession session, Username user, Optional<String> device, Optional<MaildropLock> lock) {
        Maildrop maildrop = null;
        boolean entered = false;
        try {
            maildrop = store.open(user);
            Optional<Reply> refusal = enforceLoginDelay(user, maildrop);
            if (refusal.isPresent()) {
                tooSoon.increment();
                return Opened.refused(refusal.get());
            }
            SessionView view = devices.open(user, device, maildrop);
            Transaction transaction = new Transaction(user, device, withQuotaNotice(user, view), view.maildrop(), lock);
            if (loginReadAhead.forLogin(user)) {
                session.messagesAhead().fillAtLogin(transaction);
            }
            entered = true;
            return Opened.entering(transaction);
        } catch (TooManyDevices e) {
            LOGGER.info("Login refused: {}", e.getMessage());
            return Opened.refused(Reply.err(ResponseCode.SYS_PERM, Text.TOO_MANY_DEVICES, e.max()));
        } catch (MaildropException e) {
            unavailable.increment();
            LOGGER.error("Cannot open the maildrop of {}", user.asString(), e);
            return Opened.refused(Reply.err(ResponseCode.forFailure(e.kind()), unavailable(e.kind())));
        } finally {
            if (!entered) {
                if (maildrop != null) {
                    maildrop.close();
                }
                lock.ifPresent(MaildropLock::release);
            }
        }
    }

    /** A maildrop opened for a session, or why not. */
    private static final class Opened {
        private final Optional<Transaction> transaction;
        private final Reply refusal;

        private Opened(Optional<Transaction> transaction, Reply refusal) {
            this.transaction = transaction;
            this.refusal = refusal;
        }

        static Opened entering(Transaction transaction) {
            return new Opened(Optional.of(transaction), null);
        }

        static Opened refused(Reply refusal) {
            return new Opened(Optional.empty(), refusal);
        }
    }

    private static Text unavailable(MaildropException.Kind kind) {
        switch (kind) {
            case FORBIDDEN:
                // a user name the maildir root cannot hold: refused as a login is
                return Text.AUTH_FAILED;
            case PERMANENT:
                return Text.MAILDROP_PERMANENT_FAILURE;
            default:
                return Text.MAILDROP_TEMPORARY_FAILURE;
        }
    }

    /** The maildrop with the quota notice in front, when {@code notice.threshold} is set and reached. */
    private Maildrop withQuotaNotice(Username user, Maildrop maildrop) {
        OptionalInt threshold = policySettings.noticeThreshold(user);
        if (threshold.isEmpty()) {
            return maildrop;
        }
        try {
            return QuotaNotice.of(user, maildrop.quota(), UserPolicy.forUser(policySettings, user), threshold.getAsInt(), clock.instant())
                .<Maildrop>map(notice -> new WithNotice(maildrop, notice.message(), notice.content()))
                .orElse(maildrop);
        } catch (MaildropException e) {
            LOGGER.warn("Cannot read the quota of {}; no quota notice", user.asString(), e);
            return maildrop;
        }
    }

    private Optional<Reply> enforceLoginDelay(Username user, Maildrop maildrop) {
        int delaySeconds = settings.loginDelaySeconds().forUser(user);
        if (delaySeconds == 0) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        try {
            Optional<Instant> last = maildrop.lastLogin();
            if (last.isPresent() && last.get().plusSeconds(delaySeconds).isAfter(now)) {
                long waitMillis = Duration.between(now, last.get().plusSeconds(delaySeconds)).toMillis();
                long wait = (waitMillis + 999) / 1000;
                LOGGER.info("{} logged in {} s ago; LOGIN-DELAY is {} s", user.asString(),
                    Duration.between(last.get(), now).toSeconds(), delaySeconds);
                return Optional.of(Reply.err(ResponseCode.LOGIN_DELAY, Text.LOGIN_DELAY, delaySeconds, Math.min(wait, delaySeconds)));
            }
            maildrop.recordLogin(now);
            return Optional.empty();
        } catch (MaildropException e) {
            LOGGER.error("Cannot check the last login of {}", user.asString(), e);
            return Optional.of(Reply.err(ResponseCode.SYS_TEMP, Text.MAILDROP_TEMPORARY_FAILURE));
        }
    }
}
