package dev.pop3x.protocol;

import java.util.Optional;

import javax.inject.Inject;

import dev.pop3x.auth.Authenticator;

/** PASS: checks the password of the user named by USER and, if right, opens the maildrop. */
public final class PassCommand extends Pop3xCommand {
    private final AuthPolicy policy;
    private final Authenticator authenticator;
    private final LoginAttempts attempts;

    @Inject
    public PassCommand(Replies replies, AuthPolicy policy, Authenticator authenticator, LoginAttempts attempts) {
        super(replies, Phase.AUTHORIZATION, "PASS");
        this.policy = policy;
        this.authenticator = authenticator;
        this.attempts = attempts;
    }

    @Override
    Reply execute(Pop3xSession session, String command, String argument) {
        Optional<String> user = session.namedUser();
        if (user.isEmpty()) {
            return Reply.err(Text.NO_USERNAME);
        }
        if (!policy.allowsPlaintext(session)) {
            session.forgetUser();
            return Reply.err(ResponseCode.AUTH, Text.PLAINTEXT_DISALLOWED);
        }
        String password = Optional.ofNullable(argument).orElse("");
        return attempts.conclude(session, command, authenticator.password(user.get(), password, Optional.empty()));
    }
}
