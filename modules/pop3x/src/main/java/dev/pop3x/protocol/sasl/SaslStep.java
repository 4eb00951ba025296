package dev.pop3x.protocol.sasl;

import java.util.Objects;
import java.util.Optional;

/** What a SASL exchange asks for next: another client response, a check of credentials, or nothing (failure). */
public final class SaslStep {
    public enum Kind { CHALLENGE, PASSWORD, TOKEN, MALFORMED }

    private final Kind kind;
    private final byte[] challenge;
    private final String identity;
    private final String secret;
    private final Optional<String> authorizationId;

    private SaslStep(Kind kind, byte[] challenge, String identity, String secret, Optional<String> authorizationId) {
        this.kind = kind;
        this.challenge = challenge;
        this.identity = identity;
        this.secret = secret;
        this.authorizationId = authorizationId;
    }

    public static SaslStep challenge(byte[] challenge) {
        return new SaslStep(Kind.CHALLENGE, challenge.clone(), null, null, Optional.empty());
    }

    /** A user name and password; the authorization identity names another user's maildrop (PLAIN authzid). */
    public static SaslStep password(String authenticationId, String password, Optional<String> authorizationId) {
        return new SaslStep(Kind.PASSWORD, null, Objects.requireNonNull(authenticationId), Objects.requireNonNull(password), authorizationId);
    }

    /** A bearer token, and the user the client asked for, if it named one. */
    public static SaslStep token(String token, Optional<String> requestedUser) {
        return new SaslStep(Kind.TOKEN, null, requestedUser.orElse(""), Objects.requireNonNull(token), requestedUser);
    }

    /** The client's response does not follow the mechanism's syntax. */
    public static SaslStep malformed() {
        return new SaslStep(Kind.MALFORMED, null, null, null, Optional.empty());
    }

    public Kind kind() {
        return kind;
    }

    public byte[] challenge() {
        return challenge.clone();
    }

    /** PASSWORD: the authentication identity. */
    public String identity() {
        return identity;
    }

    /** PASSWORD: the password; TOKEN: the bearer token. */
    public String secret() {
        return secret;
    }

    /** PASSWORD: the authorization identity; TOKEN: the requested user. */
    public Optional<String> authorizationId() {
        return authorizationId;
    }

    @Override
    public String toString() {
        return kind + (identity == null ? "" : "(" + identity + ")");
    }
}
