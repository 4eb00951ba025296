package dev.pop3x.protocol;

import java.util.Set;

import javax.inject.Inject;

import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.CapaCapability;

/**
 * USER: names the user PASS will authenticate. Any name gets {@code +OK}, so that accounts cannot be enumerated.
 * Refused, and left out of CAPA, where the plaintext policy forbids passwords in the clear.
 */
public final class UserCommand extends Pop3xCommand implements CapaCapability {
    private final AuthPolicy policy;

    @Inject
    public UserCommand(Replies replies, AuthPolicy policy) {
        super(replies, Phase.AUTHORIZATION, "USER");
        this.policy = policy;
    }

    @Override
    Reply execute(Pop3xSession session, String command, String argument) {
        if (argument == null || argument.isBlank()) {
            return Reply.err(Text.USAGE, "USER name");
        }
        if (!policy.allowsPlaintext(session)) {
            session.forgetUser();
            return Reply.err(ResponseCode.AUTH, Text.PLAINTEXT_DISALLOWED);
        }
        session.nameUser(argument.strip());
        return Reply.ok(Text.NONE);
    }

    @Override
    public Set<String> getImplementedCapabilities(POP3Session james) {
        Pop3xSession session = Pop3xSession.of(james);
        return !session.loggedIn() && policy.allowsPlaintext(session) ? Set.of("USER") : Set.of();
    }
}
