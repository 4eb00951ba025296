package dev.pop3x.protocol.sasl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The client responses of each mechanism, as the bytes a client sends and what the server reads in them. */
class SaslParsersTest {
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String read(SaslStep step) {
        switch (step.kind()) {
            case PASSWORD:
                return "password " + step.identity() + "/" + step.secret() + step.authorizationId().map(id -> " as " + id).orElse("");
            case TOKEN:
                return "token " + step.secret() + step.authorizationId().map(id -> " for " + id).orElse("");
            case CHALLENGE:
                return "challenge '" + new String(step.challenge(), StandardCharsets.UTF_8) + "'";
            default:
                return "malformed";
        }
    }

    @Test
    void plainIsAuthorizationIdentityUserAndPasswordSeparatedByNul() {
        assertThat(read(Plain.parse(bytes("\0bob@x\0secret")))).isEqualTo("password bob@x/secret");
        assertThat(read(Plain.parse(bytes("boss@x\0bob@x\0secret")))).isEqualTo("password bob@x/secret as boss@x");
        assertThat(read(Plain.parse(bytes("\0bob@x\0")))).isEqualTo("malformed");
        assertThat(read(Plain.parse(bytes("\0\0secret")))).isEqualTo("malformed");
        assertThat(read(Plain.parse(bytes("bob@x\0secret")))).isEqualTo("malformed");
        assertThat(read(Plain.parse(bytes("\0bob@x\0secret\0more")))).isEqualTo("malformed");
        assertThat(read(Plain.parse(bytes("\0bob@x\0" + "p".repeat(Plain.MAX_FIELD_OCTETS + 1))))).isEqualTo("malformed");
    }

    @Test
    void plainWithoutInitialResponseAsksForItWithAnEmptyChallenge() {
        assertThat(read(new Plain().start().next(Optional.empty()))).isEqualTo("challenge ''");
    }

    @Test
    void loginAsksForTheUserThenThePassword() {
        SaslExchange exchange = new Login().start();
        assertThat(read(exchange.next(Optional.empty()))).isEqualTo("challenge 'Username:'");
        assertThat(read(exchange.next(Optional.of(bytes("bob@x"))))).isEqualTo("challenge 'Password:'");
        assertThat(read(exchange.next(Optional.of(bytes("secret"))))).isEqualTo("password bob@x/secret");
    }

    @Test
    void loginTakesTheUserAsInitialResponseAndRefusesAnEmptyPassword() {
        SaslExchange exchange = new Login().start();
        assertThat(read(exchange.next(Optional.of(bytes("bob@x"))))).isEqualTo("challenge 'Password:'");
        assertThat(read(exchange.next(Optional.of(bytes(""))))).isEqualTo("malformed");
    }

    @Test
    void oauthBearerReadsTheGs2UserAndTheBearerToken() {
        assertThat(read(OAuthBearer.parse(bytes("n,a=bob@x,\u0001auth=Bearer t0k\u0001\u0001")))).isEqualTo("token t0k for bob@x");
        assertThat(read(OAuthBearer.parse(bytes("n,,\u0001auth=bearer t0k\u0001\u0001")))).isEqualTo("token t0k");
        assertThat(read(OAuthBearer.parse(bytes("n,a=b=2Cob@x,\u0001auth=Bearer t\u0001\u0001")))).isEqualTo("token t for b,ob@x");
        assertThat(read(OAuthBearer.parse(bytes("p=tls-unique,,\u0001auth=Bearer t\u0001\u0001")))).isEqualTo("malformed");
        assertThat(read(OAuthBearer.parse(bytes("n,x=bob,\u0001auth=Bearer t\u0001\u0001")))).isEqualTo("malformed");
        assertThat(read(OAuthBearer.parse(bytes("n,,\u0001auth=Basic t\u0001\u0001")))).isEqualTo("malformed");
        assertThat(read(OAuthBearer.parse(bytes("n,,auth=Bearer t")))).isEqualTo("malformed");
    }

    @Test
    void xoauth2NeedsTheUserAndTheBearerToken() {
        assertThat(read(XOAuth2.parse(bytes("user=bob@x\u0001auth=Bearer t0k\u0001\u0001")))).isEqualTo("token t0k for bob@x");
        assertThat(read(XOAuth2.parse(bytes("auth=Bearer t0k\u0001\u0001")))).isEqualTo("malformed");
        assertThat(read(XOAuth2.parse(bytes("user=bob@x\u0001auth=Bearer \u0001\u0001")))).isEqualTo("malformed");
        assertThat(read(XOAuth2.parse(bytes("user=a\u0001user=b\u0001auth=Bearer t\u0001\u0001")))).isEqualTo("malformed");
    }

    @Test
    void anAuthRequestsInitialResponseIsBase64AndEqualsSignIsEmpty() {
        assertThat(AuthRequest.parse(List.of("plain")).orElseThrow().mechanism()).isEqualTo("PLAIN");
        assertThat(AuthRequest.parse(List.of("PLAIN")).orElseThrow().initialResponse()).isEmpty();
        assertThat(AuthRequest.parse(List.of("PLAIN", "=")).orElseThrow().initialResponse()).hasValueSatisfying(response -> assertThat(response).isEmpty());
        assertThat(AuthRequest.parse(List.of("PLAIN", "AGJvYgBwdw==")).orElseThrow().initialResponse())
            .hasValueSatisfying(response -> assertThat(new String(response, StandardCharsets.UTF_8)).isEqualTo("\0bob\0pw"));
        assertThat(AuthRequest.parse(List.of("PLAIN", "AGJvYgBwdw"))).as("padding left out").isPresent();
        assertThat(AuthRequest.parse(List.of("PLAIN", "AGJv*YgBw"))).isEmpty();
        assertThat(AuthRequest.parse(List.of("PLAIN", "AG=JvYgBw"))).as("misplaced padding").isEmpty();
        assertThat(AuthRequest.cancels("*")).isTrue();
    }
}
