package dev.pop3x.protocol.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

import org.apache.james.protocols.api.OidcSASLConfiguration;

/**
 * The bearer-token mechanisms, OAUTHBEARER (RFC 7628) and XOAUTH2 (Google's, used by Outlook and Thunderbird): the
 * client's one response carries a token, checked against the OpenID Connect provider; a wrong one is answered with a
 * JSON error challenge (RFC 7628 section 3.2.2), which the client acknowledges before the final {@code -ERR}. They
 * differ in the response's syntax and the error's status.
 */
final class Bearer implements SaslMechanism {
    private final String name;
    private final Function<byte[], SaslStep> parser;
    private final byte[] errorChallenge;

    private Bearer(String name, Function<byte[], SaslStep> parser, String errorStatus, OidcSASLConfiguration oidc) {
        this.name = name;
        this.parser = parser;
        this.errorChallenge = ("{\"status\":\"" + errorStatus + "\",\"scope\":\"" + oidc.getScope()
            + "\",\"openid-configuration\":\"" + oidc.getOidcConfigurationURL() + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    static Bearer oauthBearer(OidcSASLConfiguration oidc) {
        return new Bearer("OAUTHBEARER", OAuthBearer::parse, "invalid_token", oidc);
    }

    static Bearer xoauth2(OidcSASLConfiguration oidc) {
        return new Bearer("XOAUTH2", XOAuth2::parse, "401", oidc);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean carriesPassword() {
        return false;
    }

    @Override
    public SaslExchange start() {
        return new SaslExchange() {
            @Override
            public SaslStep next(Optional<byte[]> response) {
                return response.map(parser).orElseGet(() -> SaslStep.challenge(new byte[0]));
            }

            @Override
            public Optional<byte[]> failureChallenge() {
                return Optional.of(errorChallenge.clone());
            }
        };
    }
}
