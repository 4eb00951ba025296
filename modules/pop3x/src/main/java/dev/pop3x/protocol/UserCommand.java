package dev.pop3x.protocol;

import java.util.Set;

import javax.inject.Inject;

import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.CapaCapability;

import dev.pop3x.log.Untrusted;

/**
 * USER: names the user PASS will authenticate. Any name gets {@code +OK}, so that accounts cannot be enumerated.
 * Refused, and left out of CAPA, where the plaintext policy forbids passwords in the clear.
 */
public final class UserCommand extends Pop3xCommand implements CapaCapability {
    private final AuthPolicy authPolicy;

    @Inject
    public UserCommand(Replies replies, AuthPolicy authPolicy) {
        super(replies, Phase.AUTHORIZATION, ArgumentShape.NAME, "USER");
        this.authPolicy = authPolicy;
    }

    @Override
    Reply execute(Pop3xSession session, Arguments arguments) {
        if (!authPolicy.allowsPlaintext(session)) {
            session.forgetUser();
            return Reply.err(ResponseCode.AUTH, Text.PLAINTEXT_DISALLOWED);
        }
        String name = arguments.text().orElseThrow();
        // a name with control characters is no user's: kept escaped, so that neither pop3x's logs nor James's (the
        // users repository logs the names it does not know) nor the logging context carry the client's octets
        session.nameUser(Untrusted.isPrintable(name) ? name : Untrusted.word(name));
        return Reply.ok();
    }

    @Override
    public Set<String> getImplementedCapabilities(POP3Session james) {
        Pop3xSession session = Pop3xSession.of(james);
        return !session.loggedIn() && authPolicy.allowsPlaintext(session) ? Set.of("USER") : Set.of();
    }
}
