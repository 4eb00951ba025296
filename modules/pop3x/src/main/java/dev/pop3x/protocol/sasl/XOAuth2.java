package dev.pop3x.protocol.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The client response of XOAUTH2: {@code user=<user>^Aauth=Bearer <token>^A^A}. */
final class XOAuth2 {
    private XOAuth2() {
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
