package dev.pop3x.protocol.sasl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.james.protocols.api.OidcSASLConfiguration;

import dev.pop3x.auth.AuthSettings;

/**
 * The SASL mechanisms AUTH offers in a session: those the listener has (PLAIN and LOGIN; OAUTHBEARER and XOAUTH2 when
 * OpenID Connect is configured), less those that carry a password where the plaintext policy forbids passwords.
 */
public final class SaslMechanisms {
    private static final List<SaslMechanism> PASSWORD_MECHANISMS = List.of(new Plain(), new Login());

    private final List<SaslMechanism> offered;

    private SaslMechanisms(List<SaslMechanism> offered) {
        this.offered = List.copyOf(offered);
    }

    public static SaslMechanisms offered(AuthSettings settings, boolean plaintextAllowed) {
        return new SaslMechanisms(all(settings.oidc()).stream()
            .filter(mechanism -> plaintextAllowed || !mechanism.carriesPassword())
            .collect(Collectors.toList()));
    }

    /** Every mechanism a listener with these OpenID Connect settings has. */
    private static List<SaslMechanism> all(Optional<OidcSASLConfiguration> oidc) {
        List<SaslMechanism> mechanisms = new ArrayList<>(PASSWORD_MECHANISMS);
        oidc.ifPresent(configuration -> {
            mechanisms.add(Bearer.oauthBearer(configuration));
            mechanisms.add(Bearer.xoauth2(configuration));
        });
        return mechanisms;
    }

    public Optional<SaslMechanism> find(String name) {
        return offered.stream().filter(mechanism -> mechanism.name().equals(name.toUpperCase(Locale.US))).findFirst();
    }

    /** Whether the name is one of a mechanism that carries a password (offered or not). */
    public static boolean carriesPassword(String name) {
        return PASSWORD_MECHANISMS.stream().anyMatch(mechanism -> mechanism.name().equals(name.toUpperCase(Locale.US)));
    }

    public List<String> names() {
        return offered.stream().map(SaslMechanism::name).collect(Collectors.toList());
    }

    public boolean isEmpty() {
        return offered.isEmpty();
    }
}
