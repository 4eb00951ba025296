package dev.pop3x.policy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropLocks;
import dev.pop3x.maildrop.MaildropLocks.MaildropLock;
import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.maildrop.MaildropStore;

/**
 * Runs the deletion policy outside POP3 sessions (the sweeper, WebAdmin): for one user, it takes the maildrop lock
 * briefly (a user in a session is skipped, their QUIT runs the policy; a login meanwhile waits for the run), opens
 * the maildrop, enforces, records the run in the {@link SweepLedger} (and whether retrieved mail is left, which
 * keeps the user a candidate for the sweeper) and releases.
 */
public final class PolicyRunner {
    private static final Logger LOGGER = LoggerFactory.getLogger(PolicyRunner.class);

    /** The outcome of a run for one user. */
    public enum Outcome {
        RAN,
        /** In a session, here or on another node. */
        BUSY,
        /** Swept by a node (this one or another) since the time the sweeper gave. */
        SWEPT_ALREADY,
        FAILED
    }

    private final MaildropStore store;
    private final MaildropLocks locks;
    private final PolicyEnforcer enforcer;
    private final UsersRepository users;
    private final SweepLedger ledger;
    private final Clock clock;

    @Inject
    public PolicyRunner(MaildropStore store, MaildropLocks locks, PolicyEnforcer enforcer, UsersRepository users, SweepLedger ledger,
                        Clock clock) {
        this.store = store;
        this.locks = locks;
        this.enforcer = enforcer;
        this.users = users;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** What the policy would remove now from the user's maildrop, and why. */
    public PolicyReport status(Username user) throws MaildropException {
        try (Maildrop maildrop = store.open(user)) {
            return enforcer.decide(user, maildrop, List.of());
        }
    }

    public Outcome run(Username user, PolicyTrigger trigger, Consumer<PolicyReport> reports) {
        return run(user, trigger, Optional.empty(), reports);
    }

    /** The sweeper's run for one user: none when a node swept the user after {@code since}. */
    public Outcome sweep(Username user, Instant since) {
        return run(user, PolicyTrigger.SWEEPER, Optional.of(since), report -> { });
    }

    private Outcome run(Username user, PolicyTrigger trigger, Optional<Instant> unlessSweptAfter, Consumer<PolicyReport> reports) {
        Optional<MaildropLock> lock = locks.tryLockBriefly(user, "policy-" + trigger);
        if (lock.isEmpty()) {
            LOGGER.info("The maildrop of {} is in use: the policy runs at its QUIT", user.asString());
            return Outcome.BUSY;
        }
        try {
            if (unlessSweptAfter.isPresent() && ledger.lastSwept(user).filter(swept -> swept.isAfter(unlessSweptAfter.get())).isPresent()) {
                return Outcome.SWEPT_ALREADY;
            }
            try (Maildrop maildrop = store.open(user)) {
                PolicyReport report = enforcer.enforce(user, maildrop, List.of(), trigger);
                reports.accept(report);
                ledger.swept(user, clock.instant(), retrievedMailLeft(maildrop, report));
                return Outcome.RAN;
            }
        } catch (MaildropException | RuntimeException e) {
            LOGGER.warn("The deletion policy failed for {} ({})", user.asString(), trigger, e);
            return Outcome.FAILED;
        } finally {
            lock.get().release();
        }
    }

    private static boolean retrievedMailLeft(Maildrop maildrop, PolicyReport report) {
        Set<MaildropMessage> expunged = report.dryRun()
            ? Set.of()
            : report.expunctions().stream().map(Expunction::message).collect(Collectors.toSet());
        return maildrop.messages().stream().anyMatch(message -> message.retrieved().isPresent() && !expunged.contains(message));
    }

    /** Every user James knows. */
    public List<Username> users() throws UsersRepositoryException {
        List<Username> all = new ArrayList<>();
        for (Iterator<Username> iterator = users.list(); iterator.hasNext(); ) {
            all.add(iterator.next());
        }
        return all;
    }
}
