package dev.pop3x.protocol;

import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.CapaCapability;

import dev.pop3x.auth.Authenticator;
import dev.pop3x.protocol.sasl.AuthRequest;
import dev.pop3x.protocol.sasl.SaslMechanism;
import dev.pop3x.protocol.sasl.SaslMechanisms;

/**
 * AUTH (RFC 5034): {@code AUTH} alone lists the mechanisms (as Dovecot does, for old clients);
 * {@code AUTH mechanism [initial-response]} runs a SASL exchange ({@link AuthExchange}). Every failure leaves the
 * session in the AUTHORIZATION state, as if AUTH had not been sent.
 */
public final class AuthCommand extends Pop3xCommand implements CapaCapability {
    private final AuthPolicy authPolicy;
    private final Authenticator authenticator;
    private final LoginAttempts attempts;

    @Inject
    public AuthCommand(Replies replies, AuthPolicy authPolicy, Authenticator authenticator, LoginAttempts attempts) {
        super(replies, Phase.AUTHORIZATION, ArgumentShape.MECHANISM, "AUTH");
        this.authPolicy = authPolicy;
        this.authenticator = authenticator;
        this.attempts = attempts;
    }

    @Override
    Reply execute(Pop3xSession session, Arguments arguments) {
        SaslMechanisms offered = offered(session);
        if (arguments.words().isEmpty()) {
            return Reply.ok(Text.SASL_MECHANISMS).withLines(offered.names());
        }
        Optional<AuthRequest> request = AuthRequest.parse(arguments.words());
        if (request.isEmpty()) {
            return Reply.err(Text.SASL_BAD_BASE64);
        }
        String name = request.get().mechanism();
        Optional<SaslMechanism> mechanism = offered.find(name);
        if (mechanism.isEmpty()) {
            return SaslMechanisms.carriesPassword(name) && !authPolicy.allowsPlaintext(session)
                ? Reply.err(ResponseCode.AUTH, Text.PLAINTEXT_DISALLOWED)
                : Reply.err(Text.SASL_UNSUPPORTED);
        }
        return new AuthExchange(session, mechanism.get(), authPolicy.of(session), authenticator, attempts, replies)
            .begin(request.get().initialResponse());
    }

    private SaslMechanisms offered(Pop3xSession session) {
        return SaslMechanisms.offered(authPolicy.of(session), authPolicy.allowsPlaintext(session));
    }

    /** {@code SASL <mechanisms>}, before login: RFC 5034 wants it after login too, and James keeps it there. */
    @Override
    public Set<String> getImplementedCapabilities(POP3Session james) {
        SaslMechanisms offered = offered(Pop3xSession.of(james));
        return offered.isEmpty() ? Set.of() : Set.of("SASL " + String.join(" ", offered.names()));
    }
}
