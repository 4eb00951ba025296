package dev.pop3x.policy;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.maildrop.QuotaUsage;

/**
 * Applies the {@link DeletionPolicy} to an open maildrop: decides from its messages (those a session did not just
 * expunge), the owner's quota and the owner's settings, then expunges through the backend, so that James's
 * deleted-message vault and quota accounting see these deletions like any other. Each message removed gets one
 * audit line ({@code dev.pop3x.policy.Audit}); counts go to James's metrics. With {@code policy.dry-run}, the audit
 * lines say what would go, and nothing does.
 */
public final class PolicyEnforcer {
    private static final Logger AUDIT = LoggerFactory.getLogger("dev.pop3x.policy.Audit");
    private static final Logger LOGGER = LoggerFactory.getLogger(PolicyEnforcer.class);

    private final PolicySettings configuration;
    private final Clock clock;
    private final Metric runs;
    private final Metric failures;
    private final Metric expungedMessages;
    private final Metric expungedOctets;

    @Inject
    public PolicyEnforcer(PolicySettings configuration, Clock clock, MetricFactory metricFactory) {
        this.configuration = configuration;
        this.clock = clock;
        this.runs = metricFactory.generate("pop3x-policy-runs");
        this.failures = metricFactory.generate("pop3x-policy-failures");
        this.expungedMessages = metricFactory.generate("pop3x-policy-expunged-messages");
        this.expungedOctets = metricFactory.generate("pop3x-policy-expunged-octets");
    }

    /** What the policy would remove now, without removing anything. */
    public PolicyReport decide(Username user, Maildrop maildrop, Collection<MaildropMessage> gone) throws MaildropException {
        UserPolicy settings = UserPolicy.forUser(configuration, user);
        List<MaildropMessage> messages = left(maildrop, gone);
        QuotaUsage usage = maildrop.quota();
        return new PolicyReport(user.asString(), settings, usage, DeletionPolicy.decide(messages, usage, settings, clock.instant()),
            configuration.dryRun(user));
    }

    /**
     * At QUIT, where nobody reads the report but its expunctions: the quota (a store call or more) is read only when a
     * rule needs it, a {@code quota.high} set for the user, or there is something to expunge, for the audit lines.
     */
    private PolicyReport decideAtQuit(Username user, Maildrop maildrop, Collection<MaildropMessage> gone) throws MaildropException {
        Optional<PolicyReport> nothing = nothingDue(user, left(maildrop, gone));
        return nothing.isPresent() ? nothing.get() : decide(user, maildrop, gone);
    }

    /**
     * The policy at a QUIT that expunged nothing, when the session's listing alone decides it: no {@code quota.high}
     * for the user, and nothing due to expire. The UPDATE state then needs no store call at all. Empty when the policy
     * needs the store (the quota, or messages to expunge): {@link #enforce} runs it, off the event loop.
     */
    public Optional<PolicyReport> nothingDueAtQuit(Username user, Maildrop maildrop) {
        Optional<PolicyReport> nothing = nothingDue(user, maildrop.messages());
        nothing.ifPresent(report -> runs.increment());
        return nothing;
    }

    private Optional<PolicyReport> nothingDue(Username user, List<MaildropMessage> messages) {
        UserPolicy settings = UserPolicy.forUser(configuration, user);
        if (settings.highPercent().isPresent() || !DeletionPolicy.decide(messages, QuotaUsage.UNLIMITED, settings, clock.instant()).isEmpty()) {
            return Optional.empty();
        }
        // nothing expires and no quota rule: the quota is not read (the report's usage says "unlimited")
        return Optional.of(new PolicyReport(user.asString(), settings, QuotaUsage.UNLIMITED, List.of(), configuration.dryRun(user)));
    }

    private static List<MaildropMessage> left(Maildrop maildrop, Collection<MaildropMessage> gone) {
        return maildrop.messages().stream()
            .filter(message -> !gone.contains(message))
            .collect(Collectors.toList());
    }

    /**
     * Decides and, unless in dry run, expunges.
     *
     * @param gone messages already expunged in this run (the session's own DELEs)
     * @param trigger what ran the policy, for the audit lines
     */
    public PolicyReport enforce(Username user, Maildrop maildrop, Collection<MaildropMessage> gone, PolicyTrigger trigger) throws MaildropException {
        runs.increment();
        try {
            PolicyReport report = trigger == PolicyTrigger.QUIT ? decideAtQuit(user, maildrop, gone) : decide(user, maildrop, gone);
            if (report.expunctions().isEmpty()) {
                return report;
            }
            if (!report.dryRun()) {
                maildrop.expunge(report.expunctions().stream().map(Expunction::message).collect(Collectors.toList()));
                expungedMessages.add(report.expunctions().size());
                expungedOctets.add((int) Math.min(Integer.MAX_VALUE, report.expungedOctets()));
            }
            for (Expunction expunction : report.expunctions()) {
                AUDIT.info("{} user={} uidl={} octets={} reason={} retrieved={} trigger={} quota=[{}]",
                    report.dryRun() ? "Would expunge" : "Expunged", user.asString(), expunction.message().uniqueId(),
                    expunction.message().storedOctets(), expunction.reason().label(), expunction.message().retrieved().orElseThrow(),
                    trigger, report.usage());
            }
            return report;
        } catch (MaildropException | RuntimeException e) {
            failures.increment();
            LOGGER.error("The deletion policy failed for {} ({})", user.asString(), trigger, e);
            throw e;
        }
    }
}
