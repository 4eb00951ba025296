package dev.pop3x.protocol;

import java.util.Set;

import javax.inject.Inject;

import org.apache.james.protocols.api.handler.ProtocolHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.CapaCapability;

import dev.pop3x.config.PerUser;

/**
 * {@code LOGIN-DELAY} (RFC 2449 section 6.5): the minimum seconds between two logins, as
 * {@code login-delay.seconds} says and {@link LoginFlow} enforces. Before login, when values differ per user, the
 * largest any user has, with {@code USER}; after login, the user's own value. Not listed while no user has a
 * delay.
 */
public final class LoginDelayCapability implements CapaCapability, ProtocolHandler {
    private final PerUser<Integer> seconds;

    @Inject
    public LoginDelayCapability(SessionSettings settings) {
        this.seconds = settings.loginDelaySeconds();
    }

    @Override
    public Set<String> getImplementedCapabilities(POP3Session james) {
        int largest = seconds.values().mapToInt(Integer::intValue).max().orElse(0);
        if (largest == 0) {
            return Set.of();
        }
        Pop3xSession session = Pop3xSession.of(james);
        if (session.loggedIn()) {
            return Set.of("LOGIN-DELAY " + seconds.forUser(session.transaction().user()));
        }
        return Set.of("LOGIN-DELAY " + largest + (seconds.variesPerUser() ? " USER" : ""));
    }
}
