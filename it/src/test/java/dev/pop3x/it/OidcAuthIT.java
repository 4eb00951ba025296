package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.JamesServerExtension;
import org.apache.james.core.Username;
import org.apache.james.utils.DataProbeImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OAUTHBEARER (RFC 7628) and XOAUTH2 against an OpenID Connect provider of the test's own: James's
 * {@code OidcJwtTokenVerifier} checks the token's signature with the provider's JWKS and reads the user from the
 * {@code email} claim, configured in pop3xserver.xml's {@code <auth><oidc>} block as for James's IMAP.
 */
class OidcAuthIT {
    private static final String BOB = "bob@pop3x.local";
    private static final String ALICE = "alice@pop3x.local";
    private static final String CAROL = "carol@pop3x.local";

    private static final OidcProvider PROVIDER = OidcProvider.start();

    @RegisterExtension
    static JamesServerExtension james = JamesServers.builder(JamesServers.withoutBrake().andThen(home ->
            home.edit("pop3xserver.xml", xml -> xml.replace("</auth>", PROVIDER.oidcConfiguration() + "</auth>"))))
        .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
        .build();

    private static RunningJames server;

    @BeforeAll
    static void users() throws Exception {
        server = new RunningJames(james.getGuiceJamesServer()).addUser(BOB, "secret").addUser(ALICE, "secret").addUser(CAROL, "secret");
        server.deliver(BOB, Messages.text("x@example.test", BOB, "for bob", "hello\n"));
        server.server().getProbe(DataProbeImpl.class).addAuthorizedUser(Username.of(BOB), Username.of(ALICE));
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.close();
    }

    @Test
    void capaOffersTheBearerMechanisms() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.multiline("CAPA")).contains("SASL PLAIN LOGIN OAUTHBEARER XOAUTH2");
        }
    }

    @Test
    void oauthBearerWithAValidTokenOpensTheTokensUsersMaildrop() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("AUTH OAUTHBEARER " + Sasl.oauthBearer(BOB, PROVIDER.token(BOB)))).isEqualTo("+OK Welcome " + BOB);
            assertThat(pop.multiline("RETR 1")).contains("Subject: for bob");
        }
    }

    @Test
    void oauthBearerWithoutAUserTakesTheTokensUser() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("AUTH OAUTHBEARER " + Sasl.oauthBearer("", PROVIDER.token(BOB)))).isEqualTo("+OK Welcome " + BOB);
        }
    }

    @Test
    void oauthBearerAsAContinuation() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("AUTH OAUTHBEARER")).isEqualTo("+ ");
            assertThat(pop.command(Sasl.oauthBearer(BOB, PROVIDER.token(BOB)))).isEqualTo("+OK Welcome " + BOB);
        }
    }

    @Test
    void xoauth2WithAValidTokenLogsIn() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("AUTH XOAUTH2 " + Sasl.xoauth2(BOB, PROVIDER.token(BOB)))).isEqualTo("+OK Welcome " + BOB);
        }
    }

    @Test
    void anExpiredTokenGetsTheJsonErrorChallengeThenAuth() {
        try (Pop3LineClient pop = server.pop3()) {
            String challenge = pop.command("AUTH OAUTHBEARER " + Sasl.oauthBearer(BOB, PROVIDER.expiredToken(BOB)));
            assertThat(challenge).startsWith("+ ");
            assertThat(Sasl.decode(challenge.substring(2)))
                .isEqualTo("{\"status\":\"invalid_token\",\"scope\":\"openid email\",\"openid-configuration\":\""
                    + PROVIDER.baseUrl() + "/.well-known/openid-configuration\"}");
            assertThat(pop.command("AQ==")).isEqualTo("-ERR [AUTH] Authentication failed.");
            assertThat(pop.command("AUTH OAUTHBEARER " + Sasl.oauthBearer(BOB, PROVIDER.token(BOB)))).isEqualTo("+OK Welcome " + BOB);
        }
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefusedWithXoauth2sErrorChallenge() {
        try (Pop3LineClient pop = server.pop3()) {
            String challenge = pop.command("AUTH XOAUTH2 " + Sasl.xoauth2(BOB, PROVIDER.forgedToken(BOB)));
            assertThat(Sasl.decode(challenge.substring(2))).startsWith("{\"status\":\"401\"");
            assertThat(pop.command("")).isEqualTo("-ERR [AUTH] Authentication failed.");
        }
    }

    @Test
    void aTokenMayOpenAnotherUsersMaildropOnlyByDelegation() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("AUTH OAUTHBEARER " + Sasl.oauthBearer(BOB, PROVIDER.token(ALICE)))).isEqualTo("+OK Welcome " + BOB);
        }
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("AUTH OAUTHBEARER " + Sasl.oauthBearer(BOB, PROVIDER.token(CAROL)))).startsWith("+ ");
            assertThat(pop.command("AQ==")).isEqualTo("-ERR [AUTH] Authentication failed.");
        }
    }

    @Test
    void aValidTokenForSomeoneWhoIsNotAJamesUserIsRefused() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("AUTH XOAUTH2 " + Sasl.xoauth2("stranger@pop3x.local", PROVIDER.token("stranger@pop3x.local"))))
                .startsWith("+ ");
            assertThat(pop.command("")).isEqualTo("-ERR [AUTH] Authentication failed.");
        }
    }

    @Test
    void aMalformedBearerResponseIsRefused() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.command("AUTH OAUTHBEARER " + Sasl.base64("not a gs2 header"))).isEqualTo("-ERR Malformed OAUTHBEARER response.");
            assertThat(pop.command("AUTH XOAUTH2 " + Sasl.base64("user=bob\u0001\u0001"))).isEqualTo("-ERR Malformed XOAUTH2 response.");
        }
    }
}
