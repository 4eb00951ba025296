package dev.pop3x.protocol;

import java.util.Set;

import javax.inject.Inject;

import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.CapaCapability;

/**
 * STLS (RFC 2595): starts TLS in the AUTHORIZATION state on a server configured with
 * {@code <tls startTLS="true">}. The client names its user again afterwards. Not after UTF8 (RFC 6856).
 */
public final class StlsCommand extends Pop3xCommand implements CapaCapability {
    @Inject
    public StlsCommand(Replies replies) {
        super(replies, Phase.AUTHORIZATION, ArgumentShape.NONE, "STLS");
    }

    @Override
    Reply execute(Pop3xSession session, Arguments arguments) {
        Reply refusal = refusal(session);
        if (refusal != null) {
            return refusal;
        }
        session.forgetUser();
        // a line that arrives before the handshake is done was sent in the clear behind this one: see Pop3xDispatcher
        session.tlsNegotiating();
        return Reply.ok(Text.STLS_BEGIN).then(Reply.After.START_TLS);
    }

    private static Reply refusal(Pop3xSession session) {
        if (session.tlsActive()) {
            return Reply.err(Text.STLS_ACTIVE);
        }
        if (!session.james().isStartTLSSupported()) {
            return Reply.err(Text.STLS_UNAVAILABLE);
        }
        if (session.utf8()) {
            return Reply.err(Text.STLS_AFTER_UTF8);
        }
        return null;
    }

    @Override
    public Set<String> getImplementedCapabilities(POP3Session james) {
        Pop3xSession session = Pop3xSession.of(james);
        return james.isStartTLSSupported() && !session.tlsActive() && !session.loggedIn() ? Set.of("STLS") : Set.of();
    }
}
