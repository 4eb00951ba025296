package dev.pop3x.protocol;

import java.util.Comparator;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.CapaCapability;

import dev.pop3x.policy.Expiry;
import dev.pop3x.policy.PolicySettings;

/**
 * {@code EXPIRE} (RFC 2449 section 6.7): the retention of retrieved mail the deletion policy guarantees:
 * {@code expire.days}, or 0 for a user whose quota pressure ({@code quota.high}) may remove retrieved mail at any
 * time. Before login, when values differ per user, the smallest any user has, with {@code USER}; after login, the
 * user's own value.
 */
public final class ExpireCapability implements CapaCapability, ProtocolHandler {
    private final PolicySettings policySettings;

    @Inject
    public ExpireCapability(PolicySettings policySettings) {
        this.policySettings = policySettings;
    }

    @Override
    public Set<String> getImplementedCapabilities(POP3Session james) {
        Pop3xSession session = Pop3xSession.of(james);
        if (session.loggedIn()) {
            return Set.of("EXPIRE " + policySettings.guaranteedRetention(session.transaction().user()).asCapabilityArgument());
        }
        Expiry smallest = policySettings.guaranteedRetentions().min(Comparator.naturalOrder()).orElseThrow();
        return Set.of("EXPIRE " + smallest.asCapabilityArgument() + (policySettings.guaranteesVaryPerUser() ? " USER" : ""));
    }
}
