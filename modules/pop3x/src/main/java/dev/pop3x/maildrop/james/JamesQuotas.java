package dev.pop3x.maildrop.james;

import java.util.OptionalLong;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.quota.QuotaManager;
import org.apache.james.mailbox.quota.UserQuotaRootResolver;

import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.QuotaUsage;

/** A user's quota as James keeps it: usage and limits of their quota root (all their mailboxes). */
public final class JamesQuotas {
    private final QuotaManager quotaManager;
    private final UserQuotaRootResolver rootResolver;

    @Inject
    public JamesQuotas(QuotaManager quotaManager, UserQuotaRootResolver rootResolver) {
        this.quotaManager = quotaManager;
        this.rootResolver = rootResolver;
    }

    public QuotaUsage of(Username user) throws MaildropException {
        try {
            QuotaManager.Quotas quotas = quotaManager.getQuotas(rootResolver.forUser(user));
            OptionalLong maxOctets = quotas.getStorageQuota().getLimit().isUnlimited()
                ? OptionalLong.empty() : OptionalLong.of(quotas.getStorageQuota().getLimit().asLong());
            OptionalLong maxMessages = quotas.getMessageQuota().getLimit().isUnlimited()
                ? OptionalLong.empty() : OptionalLong.of(quotas.getMessageQuota().getLimit().asLong());
            return new QuotaUsage(quotas.getStorageQuota().getUsed().asLong(), maxOctets,
                quotas.getMessageQuota().getUsed().asLong(), maxMessages);
        } catch (MailboxException | RuntimeException e) {
            throw MaildropException.temporary("Cannot read the quota of " + user.asString(), e);
        }
    }
}
