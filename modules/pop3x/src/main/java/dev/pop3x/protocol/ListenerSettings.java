package dev.pop3x.protocol;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.apache.james.protocols.api.ProtocolConfiguration;

import dev.pop3x.auth.AuthSettings;

/**
 * What a POP3 session needs to know of the listener it connected to, handed to it by James as the protocol's
 * configuration: the name it greets with, its {@code <auth>} block, and how long a connection may stay idle before
 * login ({@code <loginTimeout>}) and after ({@code <connectiontimeout>}). Each of pop3x's listeners has its own.
 */
public final class ListenerSettings implements ProtocolConfiguration {
    /** RFC 1939 section 3: an inactivity autologout timer "MUST be of at least 10 minutes' duration". */
    public static final Duration RFC_1939_MINIMUM_IDLE = Duration.ofMinutes(10);

    private final String helloName;
    private final AuthSettings auth;
    private final Duration loginTimeout;
    private final Duration idleTimeout;

    public ListenerSettings(String helloName, AuthSettings auth, Duration loginTimeout, Duration idleTimeout) {
        this.helloName = Objects.requireNonNull(helloName);
        this.auth = Objects.requireNonNull(auth);
        this.loginTimeout = requirePositive(loginTimeout);
        this.idleTimeout = requirePositive(idleTimeout);
    }

    private static Duration requirePositive(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("A timeout must be positive: " + timeout);
        }
        return timeout;
    }

    /** The listener a session belongs to, if it is one of pop3x's. */
    public static Optional<ListenerSettings> of(ProtocolConfiguration configuration) {
        return configuration instanceof ListenerSettings ? Optional.of((ListenerSettings) configuration) : Optional.empty();
    }

    public AuthSettings auth() {
        return auth;
    }

    /** How long a connection may be idle before it logs in. */
    public Duration loginTimeout() {
        return loginTimeout;
    }

    /** How long a session may be idle once logged in. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** The idle timeout in force, before or after login. */
    public Duration idleTimeout(boolean loggedIn) {
        return loggedIn ? idleTimeout : loginTimeout;
    }

    @Override
    public String getHelloName() {
        return helloName;
    }

    @Override
    public String getGreeting() {
        return null;
    }

    @Override
    public String getSoftwareName() {
        return "pop3x";
    }
}
