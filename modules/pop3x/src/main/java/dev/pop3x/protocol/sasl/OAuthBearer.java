package dev.pop3x.protocol.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The client response of OAUTHBEARER (RFC 7628): {@code n,a=user@example.com,^Aauth=Bearer <token>^A^A}. The
 * {@code a=} user, when given, is the maildrop asked for; the token's claim says who authenticates. James 3.8.1's own
 * parser reads only a {@code user=} pair; this one reads the GS2 header as the RFC defines it.
 */
final class OAuthBearer {
    private OAuthBearer() {
    }

    static SaslStep parse(byte[] message) {
        String text = new String(message, StandardCharsets.UTF_8);
        int headerEnd = text.indexOf(BearerTokens.SEPARATOR);
        if (headerEnd < 0) {
            return SaslStep.malformed();
        }
        String[] gs2 = text.substring(0, headerEnd).split(",", -1);
        if (gs2.length < 2 || !(gs2[0].equals("n") || gs2[0].equals("y"))) {
            return SaslStep.malformed();
        }
        Optional<String> user = gs2[1].startsWith("a=") ? Optional.of(saslName(gs2[1].substring(2))) : Optional.empty();
        if (!gs2[1].isEmpty() && user.isEmpty()) {
            return SaslStep.malformed();
        }
        String[] pairs = text.substring(headerEnd + 1).split(String.valueOf(BearerTokens.SEPARATOR), -1);
        return BearerTokens.value(pairs, "auth")
            .flatMap(BearerTokens::bearerToken)
            .map(token -> SaslStep.token(token, user.filter(name -> !name.isEmpty())))
            .orElseGet(SaslStep::malformed);
    }

    /** RFC 5801 saslname: {@code =2C} is ',' and {@code =3D} is '='. */
    private static String saslName(String encoded) {
        return encoded.replace("=2C", ",").replace("=3D", "=");
    }
}
