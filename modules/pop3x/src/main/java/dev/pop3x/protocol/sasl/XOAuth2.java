package dev.pop3x.protocol.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * XOAUTH2 (Google's mechanism, used by Outlook and Thunderbird): {@code user=<user>^Aauth=Bearer <token>^A^A}.
 * On failure the server sends a JSON error challenge and the client answers with an empty line.
 */
public final class XOAuth2 implements SaslMechanism {
    private final String scope;
    private final String openidConfiguration;

    public XOAuth2(String scope, String openidConfiguration) {
        this.scope = scope;
        this.openidConfiguration = openidConfiguration;
    }

    @Override
    public String name() {
        return "XOAUTH2";
    }

    @Override
    public boolean carriesPassword() {
        return false;
    }

    @Override
    public boolean needsOidc() {
        return true;
    }

    @Override
    public SaslExchange start() {
        return new SaslExchange() {
            @Override
            public SaslStep next(Optional<byte[]> response) {
                return response.map(XOAuth2::parse).orElseGet(() -> SaslStep.challenge(new byte[0]));
            }

            @Override
            public Optional<byte[]> failureChallenge() {
                return Optional.of(BearerTokens.errorChallenge("401", scope, openidConfiguration));
            }
        };
    }

    static SaslStep parse(byte[] message) {
        String[] pairs = new String(message, StandardCharsets.UTF_8).split(String.valueOf(BearerTokens.SEPARATOR), -1);
        Optional<String> user = BearerTokens.value(pairs, "user").filter(name -> !name.isEmpty());
        Optional<String> token = BearerTokens.value(pairs, "auth").flatMap(BearerTokens::bearerToken);
        if (user.isEmpty() || token.isEmpty()) {
            return SaslStep.malformed();
        }
        return SaslStep.token(token.get(), user);
    }
}
