package dev.pop3x.protocol.sasl;

import java.util.Optional;

/** What the responses of OAUTHBEARER and XOAUTH2 share: key=value pairs separated by 0x01, a bearer token. */
final class BearerTokens {
    static final char SEPARATOR = '\u0001';
    private static final String BEARER = "bearer ";

    private BearerTokens() {
    }

    /** The value of {@code key=} among the 0x01-separated pairs. */
    static Optional<String> value(String[] pairs, String key) {
        Optional<String> found = Optional.empty();
        for (String pair : pairs) {
            if (pair.startsWith(key + "=")) {
                if (found.isPresent()) {
                    return Optional.empty();
                }
                found = Optional.of(pair.substring(key.length() + 1));
            }
        }
        return found;
    }

    /** The token of an {@code auth=Bearer <token>} value (the scheme is case-insensitive, RFC 6750). */
    static Optional<String> bearerToken(String authorization) {
        if (authorization.length() <= BEARER.length() || !authorization.substring(0, BEARER.length()).equalsIgnoreCase(BEARER)) {
            return Optional.empty();
        }
        String token = authorization.substring(BEARER.length()).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
