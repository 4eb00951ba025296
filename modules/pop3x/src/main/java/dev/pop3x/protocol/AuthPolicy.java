package dev.pop3x.protocol;

import javax.inject.Inject;

import dev.pop3x.config.AuthSettings;
import dev.pop3x.config.ListenerAuthSettings;

/** The {@code <auth>} settings of the POP3 server a session connected to, and what they allow it. */
final class AuthPolicy {
    private final ListenerAuthSettings settings;

    @Inject
    AuthPolicy(ListenerAuthSettings settings) {
        this.settings = settings;
    }

    AuthSettings of(Pop3xSession session) {
        return settings.forLocalPort(session.james().getLocalAddress().getPort());
    }

    /** Whether USER/PASS and the password mechanisms may be used in this session now. */
    boolean allowsPlaintext(Pop3xSession session) {
        return of(session).allowsPlaintext(session.tlsActive(), session.james().getRemoteAddress().getAddress());
    }
}
