package dev.pop3x.protocol;

import java.time.Duration;

import javax.inject.Inject;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.auth.Authentication;
import dev.pop3x.auth.LoginBrake;

/**
 * The end of a login attempt by PASS or AUTH, once the credentials are checked: a success enters the TRANSACTION
 * state through {@link LoginFlow}; a failure goes through the brute-force brake, whose delay postpones the
 * {@code -ERR [AUTH]}.
 */
final class LoginAttempts {
    private static final Logger LOGGER = LoggerFactory.getLogger(LoginAttempts.class);

    private final LoginBrake brake;
    private final LoginFlow loginFlow;
    private final Texts texts;

    @Inject
    LoginAttempts(LoginBrake brake, LoginFlow loginFlow, Texts texts) {
        this.brake = brake;
        this.loginFlow = loginFlow;
        this.texts = texts;
    }

    /**
     * @param dispatcher where commands pipelined behind a delayed failure are played once it is sent
     * @return the reply, or null when the brake sends it later
     */
    Reply conclude(Pop3xSession session, String command, Authentication authentication, LineHandler<POP3Session> dispatcher) {
        switch (authentication.outcome()) {
            case SUCCESS:
                brake.succeeded(authentication.authenticated());
                Reply entered = loginFlow.enter(session, authentication.maildropOwner());
                if (!entered.isOk()) {
                    session.forgetUser();
                }
                return entered;
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
                Response rendered = render(session, command, refusal);
                return DelayedReplies.sendAfter(session, rendered, delay, dispatcher) == null ? null : refusal;
            default:
                throw new IllegalStateException("Unhandled " + authentication.outcome());
        }
    }

    private Response render(Pop3xSession session, String command, Reply reply) {
        if (!reply.isOk()) {
            LOGGER.info("{} refused: {}{}", command, reply.code().map(code -> "[" + code.text() + "] ").orElse(""), texts.english(reply));
        }
        return reply.render(texts, session.language());
    }
}
