package dev.pop3x.protocol;

import javax.inject.Inject;

import dev.pop3x.auth.AuthSettings;

/** The {@code <auth>} settings of the POP3 listener a session connected to, and what they allow it. */
final class AuthPolicy {
    @Inject
    AuthPolicy() {
    }

    AuthSettings of(Pop3xSession session) {
        return session.listener().auth();
    }

    /** Whether USER/PASS and the password mechanisms may be used in this session now. */
    boolean allowsPlaintext(Pop3xSession session) {
        return of(session).allowsPlaintext(session.tlsActive(), session.james().getRemoteAddress().getAddress());
    }
}
