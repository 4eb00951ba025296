package dev.pop3x.policy;

import java.util.List;

import dev.pop3x.maildrop.QuotaUsage;

/** What one run of the policy on one maildrop decided, and whether it acted on it. */
public final class PolicyReport {
    private final String user;
    private final UserPolicy settings;
    private final QuotaUsage usage;
    private final List<Expunction> expunctions;
    private final boolean dryRun;

    public PolicyReport(String user, UserPolicy settings, QuotaUsage usage, List<Expunction> expunctions, boolean dryRun) {
        this.user = user;
        this.settings = settings;
        this.usage = usage;
        this.expunctions = List.copyOf(expunctions);
        this.dryRun = dryRun;
    }

    public String user() {
        return user;
    }

    public UserPolicy settings() {
        return settings;
    }

    /** The quota before the run. */
    public QuotaUsage usage() {
        return usage;
    }

    public List<Expunction> expunctions() {
        return expunctions;
    }

    /** True when the messages were only logged, not removed. */
    public boolean dryRun() {
        return dryRun;
    }

    public long expungedOctets() {
        return expunctions.stream().mapToLong(expunction -> expunction.message().storedOctets()).sum();
    }
}
