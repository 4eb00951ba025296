package dev.pop3x.protocol.sasl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.pop3x.config.AuthSettings;

/** The SASL mechanisms AUTH offers in a session: PLAIN and LOGIN when passwords may travel, OAUTHBEARER and XOAUTH2 when OpenID Connect is configured. */
public final class SaslMechanisms {
    private final List<SaslMechanism> offered;

    private SaslMechanisms(List<SaslMechanism> offered) {
        this.offered = List.copyOf(offered);
    }

    public static SaslMechanisms offered(AuthSettings settings, boolean plaintextAllowed) {
        List<SaslMechanism> mechanisms = new ArrayList<>();
        if (plaintextAllowed) {
            mechanisms.add(new Plain());
            mechanisms.add(new Login());
        }
        settings.oidc().ifPresent(oidc -> {
            mechanisms.add(new OAuthBearer(oidc.getScope(), oidc.getOidcConfigurationURL().toString()));
            mechanisms.add(new XOAuth2(oidc.getScope(), oidc.getOidcConfigurationURL().toString()));
        });
        return new SaslMechanisms(mechanisms);
    }

    public Optional<SaslMechanism> find(String name) {
        return offered.stream().filter(mechanism -> mechanism.name().equals(name.toUpperCase(Locale.US))).findFirst();
    }

    /** Whether the name is one pop3x knows that carries a password (offered or not). */
    public static boolean isPasswordMechanism(String name) {
        String upper = name.toUpperCase(Locale.US);
        return upper.equals("PLAIN") || upper.equals("LOGIN");
    }

    public List<String> names() {
        return offered.stream().map(SaslMechanism::name).collect(java.util.stream.Collectors.toList());
    }

    public boolean isEmpty() {
        return offered.isEmpty();
    }
}
