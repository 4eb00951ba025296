package dev.pop3x.maildrop;

import java.util.Optional;

import org.apache.james.core.Username;

/** Where a backend that keeps no quota limits of its own learns a user's: James's quota settings. */
public interface QuotaLimitSource {
    /** A source that never states limits: backends keep their own. */
    QuotaLimitSource NONE = user -> Optional.empty();

    /** The user's limits, or empty when this source states none for them. */
    Optional<QuotaLimits> limitsOf(Username user) throws MaildropException;
}
