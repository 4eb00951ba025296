package dev.pop3x.auth;

import java.net.InetAddress;
import java.net.MalformedURLException;
import java.util.Objects;
import java.util.Optional;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.protocols.api.OidcSASLConfiguration;

/**
 * The {@code <auth>} block of one {@code <pop3server>} in {@code pop3xserver.xml}, with the keys James 3.8.1 reads
 * for IMAP: {@code plainAuthEnabled}, {@code requireSSL} and {@code <oidc>}; plus pop3x's
 * {@code loopbackIsSecure}.
 *
 * <pre>
 * &lt;auth&gt;
 *     &lt;plainAuthEnabled&gt;true&lt;/plainAuthEnabled&gt;   USER/PASS, SASL PLAIN and LOGIN offered at all
 *     &lt;requireSSL&gt;true&lt;/requireSSL&gt;               ... only once TLS is active (STLS or implicit TLS)
 *     &lt;loopbackIsSecure&gt;true&lt;/loopbackIsSecure&gt;   connections from 127.0.0.0/8 and ::1 count as secure
 *     &lt;oidc&gt;...&lt;/oidc&gt;                             OAUTHBEARER and XOAUTH2, as for James's IMAP and SMTP
 * &lt;/auth&gt;
 * </pre>
 */
public final class AuthSettings {
    public static final AuthSettings DEFAULT = new AuthSettings(true, true, true, Optional.empty());

    private final boolean plainAuthEnabled;
    private final boolean requireSsl;
    private final boolean loopbackIsSecure;
    private final Optional<OidcSASLConfiguration> oidc;

    public AuthSettings(boolean plainAuthEnabled, boolean requireSsl, boolean loopbackIsSecure, Optional<OidcSASLConfiguration> oidc) {
        this.plainAuthEnabled = plainAuthEnabled;
        this.requireSsl = requireSsl;
        this.loopbackIsSecure = loopbackIsSecure;
        this.oidc = Objects.requireNonNull(oidc);
    }

    /** Reads the {@code <auth>} block of a {@code <pop3server>} element. */
    public static AuthSettings parse(HierarchicalConfiguration<ImmutableNode> pop3server) throws ConfigurationException {
        Optional<OidcSASLConfiguration> oidc = Optional.empty();
        if (!pop3server.configurationsAt("auth.oidc").isEmpty()) {
            try {
                oidc = Optional.of(OidcSASLConfiguration.parse(pop3server.configurationAt("auth.oidc")));
            } catch (MalformedURLException | NullPointerException e) {
                throw new ConfigurationException("pop3xserver.xml: invalid <auth><oidc> block (jwksURL, claim, oidcConfigurationURL "
                    + "and scope are required): " + e.getMessage(), e);
            }
        }
        AuthSettings settings = new AuthSettings(
            readBoolean(pop3server, "plainAuthEnabled", DEFAULT.plainAuthEnabled),
            readBoolean(pop3server, "requireSSL", DEFAULT.requireSsl),
            readBoolean(pop3server, "loopbackIsSecure", DEFAULT.loopbackIsSecure),
            oidc);
        if (!settings.plainAuthEnabled && oidc.isEmpty()) {
            throw new ConfigurationException("pop3xserver.xml: <auth><plainAuthEnabled>false</plainAuthEnabled> without an <oidc> block "
                + "leaves no way to log in");
        }
        return settings;
    }

    private static boolean readBoolean(HierarchicalConfiguration<ImmutableNode> pop3server, String name, boolean defaultValue)
        throws ConfigurationException {
        String text = pop3server.getString("auth." + name, String.valueOf(defaultValue)).trim();
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new ConfigurationException("pop3xserver.xml: <auth><" + name + "> must be true or false, not '" + text + "'");
        }
        return Boolean.parseBoolean(text);
    }

    /**
     * Whether a password may travel in this session (USER/PASS, SASL PLAIN and LOGIN): plain authentication is
     * enabled, and TLS is active or not required (a loopback client counts as secure when so configured).
     */
    public boolean allowsPlaintext(boolean tlsActive, InetAddress client) {
        return plainAuthEnabled && (!requireSsl || tlsActive || (loopbackIsSecure && client.isLoopbackAddress()));
    }

    public Optional<OidcSASLConfiguration> oidc() {
        return oidc;
    }

    private static String describe(Optional<OidcSASLConfiguration> oidc) {
        return oidc.map(o -> o.getJwksURL() + " " + o.getClaim() + " " + o.getOidcConfigurationURL() + " " + o.getScope()
            + " " + o.getIntrospectionEndpoint() + " " + o.getUserInfoEndpoint()).orElse("none");
    }

    @Override
    public String toString() {
        return "AuthSettings{plainAuthEnabled=" + plainAuthEnabled + ", requireSSL=" + requireSsl
            + ", loopbackIsSecure=" + loopbackIsSecure + ", oidc=" + describe(oidc) + "}";
    }
}
