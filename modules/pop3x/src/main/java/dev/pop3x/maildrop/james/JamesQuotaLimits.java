package dev.pop3x.maildrop.james;

import java.util.Optional;
import java.util.OptionalLong;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.core.quota.QuotaLimitValue;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.mailbox.quota.MaxQuotaManager;
import org.apache.james.mailbox.quota.UserQuotaRootResolver;

import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.QuotaLimitSource;
import dev.pop3x.maildrop.QuotaLimits;
import reactor.core.publisher.Mono;

/**
 * The limits James's quota settings give a user (theirs, else their domain's, else the global ones, as WebAdmin's
 * {@code /quota} routes set them), so that a quota set through James also binds maildrops James does not store.
 * None, or only unlimited ones: empty.
 */
public final class JamesQuotaLimits implements QuotaLimitSource {
    private final MaxQuotaManager maxQuotaManager;
    private final UserQuotaRootResolver rootResolver;

    @Inject
    public JamesQuotaLimits(MaxQuotaManager maxQuotaManager, UserQuotaRootResolver rootResolver) {
        this.maxQuotaManager = maxQuotaManager;
        this.rootResolver = rootResolver;
    }

    /** Both limits, at every scope, in one read ({@code quotaDetails}), then the one that applies of each. */
    @Override
    public Optional<QuotaLimits> limitsOf(Username user) throws MaildropException {
        try {
            QuotaRoot root = rootResolver.forUser(user);
            MaxQuotaManager.QuotaDetails details = Mono.from(maxQuotaManager.quotaDetailsReactive(root)).block();
            QuotaLimits limits = new QuotaLimits(finite(maxQuotaManager.getMaxStorage(details.getMaxStorageDetails())),
                finite(maxQuotaManager.getMaxMessage(details.getMaxMessageDetails())));
            return limits.limitsAnything() ? Optional.of(limits) : Optional.empty();
        } catch (RuntimeException e) {
            throw MaildropException.temporary("Cannot read the quota limits of " + user.asString(), e);
        }
    }

    private static OptionalLong finite(Optional<? extends QuotaLimitValue<?>> limit) {
        return limit.filter(value -> value.isLimited()).map(value -> OptionalLong.of(value.asLong())).orElse(OptionalLong.empty());
    }
}
