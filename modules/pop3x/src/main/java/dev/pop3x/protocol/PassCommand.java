package dev.pop3x.protocol;

import java.util.Optional;

import javax.inject.Inject;

/** PASS: checks the password of the user named by USER and, if right, opens the maildrop. */
public final class PassCommand extends Pop3xCommand {
    private final AuthPolicy authPolicy;
    private final LoginAttempts attempts;

    @Inject
    public PassCommand(Replies replies, AuthPolicy authPolicy, LoginAttempts attempts) {
        super(replies, Phase.AUTHORIZATION, ArgumentShape.REST, "PASS");
        this.authPolicy = authPolicy;
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
        return attempts.password(session, "PASS", user.get(), arguments.text().orElseThrow(), Optional.empty());
    }
}
