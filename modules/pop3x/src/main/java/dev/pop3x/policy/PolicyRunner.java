package dev.pop3x.policy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

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
import dev.pop3x.maildrop.MaildropStore;

/**
 * Runs the deletion policy outside POP3 sessions (the sweeper, WebAdmin): for one user, it takes the maildrop lock
 * briefly (a user in a session is skipped, their QUIT runs the policy; a login meanwhile waits for the run), opens
 * the maildrop, enforces and releases.
 */
public final class PolicyRunner {
    private static final Logger LOGGER = LoggerFactory.getLogger(PolicyRunner.class);

    /** The outcome of a run for one user. */
    public enum Outcome { RAN, BUSY, FAILED }

    private final MaildropStore store;
    private final MaildropLocks locks;
    private final PolicyEnforcer enforcer;
    private final UsersRepository users;

    @Inject
    public PolicyRunner(MaildropStore store, MaildropLocks locks, PolicyEnforcer enforcer, UsersRepository users) {
        this.store = store;
        this.locks = locks;
        this.enforcer = enforcer;
        this.users = users;
    }

    /** What the policy would remove now from the user's maildrop, and why. */
    public PolicyReport status(Username user) throws MaildropException {
        try (Maildrop maildrop = store.open(user)) {
            return enforcer.decide(user, maildrop, List.of());
        }
    }

    public Outcome run(Username user, PolicyTrigger trigger, Consumer<PolicyReport> reports) {
        Optional<MaildropLock> lock = locks.tryLockBriefly(user, "policy-" + trigger);
        if (lock.isEmpty()) {
            LOGGER.info("The maildrop of {} is in use: the policy runs at its QUIT", user.asString());
            return Outcome.BUSY;
        }
        try (Maildrop maildrop = store.open(user)) {
            reports.accept(enforcer.enforce(user, maildrop, List.of(), trigger));
            return Outcome.RAN;
        } catch (MaildropException | RuntimeException e) {
            LOGGER.warn("The deletion policy failed for {} ({})", user.asString(), trigger, e);
            return Outcome.FAILED;
        } finally {
            lock.get().release();
        }
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
