package dev.pop3x.maildrop.james;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.core.quota.QuotaLimitValue;
import org.apache.james.mailbox.model.QuotaRoot;
import org.apache.james.mailbox.quota.MaxQuotaManager;
import org.apache.james.mailbox.quota.UserQuotaRootResolver;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;

import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.QuotaLimitSource;
import dev.pop3x.maildrop.QuotaLimits;
import dev.pop3x.maildrop.StoreCalls;
import reactor.core.publisher.Mono;

/**
 * The limits James's quota settings give a user (theirs, else their domain's, else the global ones, as WebAdmin's
 * {@code /quota} routes set them), so that a quota set through James also binds maildrops James does not store.
 * None, or only unlimited ones: empty.
 */
public final class JamesQuotaLimits implements QuotaLimitSource {
    /** How long limits read are used before they are read again. */
    static final Duration KEPT_FOR = Duration.ofMinutes(1);

    private final MaxQuotaManager maxQuotaManager;
    private final UserQuotaRootResolver rootResolver;
    private final Cache<Username, Optional<QuotaLimits>> recent = CacheBuilder.newBuilder()
        .expireAfterWrite(KEPT_FOR)
        .maximumSize(100_000)
        .build();

    private final StoreCalls calls;

    @Inject
    public JamesQuotaLimits(MaxQuotaManager maxQuotaManager, UserQuotaRootResolver rootResolver, StoreCalls calls) {
        this.maxQuotaManager = maxQuotaManager;
        this.rootResolver = rootResolver;
        this.calls = calls;
    }

    /**
     * The limits as read at most {@link #KEPT_FOR} ago: every login and delivery of a Maildir user needs them, and
     * reading them costs James's quota store three lookups (user, domain, global) each time; a limit changed through
     * WebAdmin binds within a minute.
     */
    @Override
    public Optional<QuotaLimits> limitsOf(Username user) throws MaildropException {
        Optional<QuotaLimits> known = recent.getIfPresent(user);
        if (known != null) {
            return known;
        }
        Optional<QuotaLimits> read = read(user);
        recent.put(user, read);
        return read;
    }

    /** Both limits, at every scope, in one read ({@code quotaDetails}), then the one that applies of each. */
    private Optional<QuotaLimits> read(Username user) throws MaildropException {
        try {
            QuotaRoot root = rootResolver.forUser(user);
            calls.count(StoreCalls.Kind.QUOTA_READ);
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
