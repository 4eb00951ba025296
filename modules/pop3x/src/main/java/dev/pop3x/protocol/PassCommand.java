package dev.pop3x.protocol;

import java.util.Optional;

import javax.inject.Inject;

import dev.pop3x.auth.Authenticator;

/** PASS: checks the password of the user named by USER and, if right, opens the maildrop. */
public final class PassCommand extends Pop3xCommand {
    private final AuthPolicy authPolicy;
    private final Authenticator authenticator;
    private final LoginAttempts attempts;

    @Inject
    public PassCommand(Replies replies, AuthPolicy authPolicy, Authenticator authenticator, LoginAttempts attempts) {
        super(replies, Phase.AUTHORIZATION, ArgumentShape.REST, "PASS");
        this.authPolicy = authPolicy;
        this.authenticator = authenticator;
        this.attempts = attempts;
    }

    @Override
    Reply execute(Pop3xSession session, Arguments arguments) {
        Optional<String> user = session.userNamedByUserCommand();
        if (user.isEmpty()) {
            return Reply.err(Text.NO_USERNAME);
        }
        if (!authPolicy.allowsPlaintext(session)) {
            session.forgetUser();
            return Reply.err(ResponseCode.AUTH, Text.PLAINTEXT_DISALLOWED);
        }
        String password = arguments.text().orElseThrow();
        return attempts.attempt(session, "PASS", () -> authenticator.password(user.get(), password, Optional.empty()));
    }
}
