package dev.pop3x.protocol;

import java.util.Comparator;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.CapaCapability;

import dev.pop3x.config.Expiry;
import dev.pop3x.config.PerUser;
import dev.pop3x.config.SessionSettings;

/**
 * {@code EXPIRE} (RFC 2449 section 6.7): how long the server keeps mail a client retrieved, as {@code expire.days}
 * says. Before login, when values differ per user, the smallest any user has, with {@code USER}; after login, the
 * user's own value.
 */
public final class ExpireCapability implements CapaCapability, ProtocolHandler {
    private final PerUser<Expiry> expire;

    @Inject
    public ExpireCapability(SessionSettings settings) {
        this.expire = settings.expire();
    }

    @Override
    public Set<String> getImplementedCapabilities(POP3Session james) {
        Pop3xSession session = Pop3xSession.of(james);
        if (session.loggedIn()) {
            return Set.of("EXPIRE " + expire.forUser(session.transaction().user()).asCapabilityArgument());
        }
        if (expire.variesPerUser()) {
            Expiry smallest = expire.values().min(Comparator.naturalOrder()).orElseThrow();
            return Set.of("EXPIRE " + smallest.asCapabilityArgument() + " USER");
        }
        return Set.of("EXPIRE " + expire.defaultValue().asCapabilityArgument());
    }
}
