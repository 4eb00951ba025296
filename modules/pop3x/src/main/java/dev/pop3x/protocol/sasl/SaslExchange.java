package dev.pop3x.protocol.sasl;

import java.util.Optional;

/**
 * The server side of one SASL exchange: fed the client's responses (the initial response first, if the client
 * sent one), it answers with a challenge, with credentials to check, or with a failure.
 */
public interface SaslExchange {

    /**
     * @param clientResponse the decoded response; empty when the client sent no initial response
     */
    SaslStep next(Optional<byte[]> clientResponse);

    /**
     * The challenge to send when the credentials turn out wrong, before the final {@code -ERR}: OAUTHBEARER's and
     * XOAUTH2's JSON error (RFC 7628 section 3.2.2). Empty for mechanisms that fail at once.
     */
    default Optional<byte[]> failureChallenge() {
        return Optional.empty();
    }
}
