package dev.pop3x.protocol;

import java.time.Duration;
import java.util.function.Supplier;

import javax.inject.Inject;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.auth.Authentication;
import dev.pop3x.auth.LoginBrake;

/**
 * The end of a login attempt by PASS or AUTH, once the credentials are checked: a success enters the TRANSACTION
 * state through {@link LoginFlow}; a failure goes through the brute-force brake, whose delay postpones the
 * {@code -ERR [AUTH]} without holding a thread: the session's input owes the reply, and what the client pipelined
 * behind the failed login waits for it.
 */
final class LoginAttempts {
    private static final Logger LOGGER = LoggerFactory.getLogger(LoginAttempts.class);

    private final LoginBrake brake;
    private final LoginFlow loginFlow;
    private final Replies replies;

    @Inject
    LoginAttempts(LoginBrake brake, LoginFlow loginFlow, Replies replies) {
        this.brake = brake;
        this.loginFlow = loginFlow;
        this.replies = replies;
    }

    /**
     * Checks the credentials off the event loop (the users repository, a token's issuer: a call away), then concludes
     * the attempt there.
     *
     * @return null: the reply is sent later
     */
    Reply attempt(Pop3xSession session, String command, Supplier<Authentication> check) {
        session.input().offLoop(check::get, (authentication, failure) -> {
            if (failure != null) {
                LOGGER.error("{} from {}: the credentials could not be checked", command, session.remoteAddress(), failure);
                session.forgetUser();
                return replies.render(session, command, Reply.err(ResponseCode.SYS_TEMP, Text.AUTH_UNAVAILABLE));
            }
            Reply reply = conclude(session, command, authentication);
            return reply == null ? null : replies.render(session, command, reply);
        });
        return null;
    }

    /** @return the reply, or null when it is sent later */
    Reply conclude(Pop3xSession session, String command, Authentication authentication) {
        switch (authentication.outcome()) {
            case SUCCESS:
                brake.succeeded(authentication.authenticated());
                return loginFlow.enter(session, command, authentication.maildropOwner(), authentication.device());
            case TEMPORARY_FAILURE:
                session.forgetUser();
                return Reply.err(ResponseCode.SYS_TEMP, Text.AUTH_UNAVAILABLE);
            case DELEGATION_FORBIDDEN:
            case BAD_CREDENTIALS:
                session.forgetUser();
                Reply refusal = authentication.outcome() == Authentication.Outcome.DELEGATION_FORBIDDEN
                    ? Reply.err(ResponseCode.AUTH, Text.DELEGATION_FORBIDDEN, authentication.authenticated(), authentication.requested())
                    : Reply.err(ResponseCode.AUTH, Text.AUTH_FAILED);
                Duration delay = brake.failed(session.james().getRemoteAddress().getAddress(), authentication.authenticated());
                if (delay.isZero()) {
                    return refusal;
                }
                session.input().owe();
                session.input().schedule(() -> session.input().reply(replies.render(session, command, refusal)), delay);
                return null;
            default:
                throw new IllegalStateException("Unhandled " + authentication.outcome());
        }
    }
}
