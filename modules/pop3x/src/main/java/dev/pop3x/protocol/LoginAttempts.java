package dev.pop3x.protocol;

import java.net.InetAddress;
import java.util.Optional;

import javax.inject.Inject;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.auth.Authentication;
import dev.pop3x.auth.Authenticator;
import dev.pop3x.auth.LoginBrake;
import dev.pop3x.auth.LoginBrake.Admission;
import dev.pop3x.log.Untrusted;

/**
 * A login attempt by PASS or AUTH: the brute-force brake admits the check of the credentials (at once, later, or
 * not now), the check is made, and its outcome concluded: a success enters the TRANSACTION state through
 * {@link LoginFlow}; a failure is counted by the brake. A check the brake makes wait holds no thread: the session's
 * input owes the reply, and what the client pipelined behind the login waits for it; a client that leaves while its
 * check waits has no check made.
 *
 * <p>A password that already failed for the same user in the connection is refused at once, without a check and
 * without counting again: the same typo sent by a client's next mechanism is one failure. "No such user" and "may
 * not open that maildrop" (a SASL authorization identity) get the same answer as a wrong password.
 */
final class LoginAttempts {
    private static final Logger LOGGER = LoggerFactory.getLogger(LoginAttempts.class);

    private final LoginBrake brake;
    private final DeviceTags deviceTags;
    private final Authenticator authenticator;
    private final LoginFlow loginFlow;
    private final Replies replies;

    @Inject
    LoginAttempts(LoginBrake brake, DeviceTags deviceTags, Authenticator authenticator, LoginFlow loginFlow, Replies replies) {
        this.brake = brake;
        this.deviceTags = deviceTags;
        this.authenticator = authenticator;
        this.loginFlow = loginFlow;
        this.replies = replies;
    }

    /**
     * A user name and password (PASS, AUTH PLAIN or LOGIN), checked once the brake admits it.
     *
     * @param authorizationId the maildrop of another user to open (PLAIN's authorization identity)
     * @return the reply, or null when it is sent later
     */
    Reply password(Pop3xSession session, String command, String user, String password, Optional<String> authorizationId) {
        FailedCredentials failed = FailedCredentials.of(session.james());
        if (failed.contains(user, password)) {
            LOGGER.info("{} for {} from {}: the password that already failed in this connection; refused again, not counted",
                command, Untrusted.word(user), session.remoteAddress());
            session.forgetUser();
            return Reply.err(ResponseCode.AUTH, Text.AUTH_FAILED);
        }
        Optional<Admission> admission = brake.admit(clientAddress(session), DeviceTags.brakeName(user));
        if (admission.isEmpty()) {
            session.forgetUser();
            return Reply.err(ResponseCode.SYS_TEMP, Text.LOGINS_BRAKED);
        }
        if (admission.get().waitBeforeCheck().isZero()) {
            check(session, command, admission.get(), user, password, authorizationId);
            return null;
        }
        session.input().owe();
        session.input().schedule(() -> {
            if (session.isEnded()) {
                brake.abandoned(admission.get());
                return;
            }
            check(session, command, admission.get(), user, password, authorizationId);
        }, admission.get().waitBeforeCheck());
        return null;
    }

    /**
     * The check itself, off the event loop (the users repository may be a call away: LDAP, a database), and on
     * success the maildrop locked and opened in the same storage call ({@link LoginFlow#enterNow}); then its outcome
     * concluded on the event loop; {@code -ERR [SYS/TEMP]} if it failed unexpectedly (the brake then forgets the
     * admission).
     */
    private void check(Pop3xSession session, String command, Admission admission, String user, String password,
                       Optional<String> authorizationId) {
        session.input().offLoop(() -> {
            DeviceTags.Untagged untagged = deviceTags.untag(user, authorizationId);
            Authentication authentication = untagged.onDevice(authenticator.password(untagged.authenticationId(), password,
                untagged.authorizationId()));
            Optional<LoginFlow.Entry> entry = authentication.outcome() == Authentication.Outcome.SUCCESS
                ? Optional.of(loginFlow.enterNow(session, authentication.maildropOwner(), authentication.device()))
                : Optional.empty();
            return new Checked(authentication, entry);
        }, (checked, failure) -> {
            if (failure != null) {
                brake.abandoned(admission);
                LOGGER.error("Login check failed for {}", session.remoteAddress(), failure);
                session.forgetUser();
                return replies.render(session, command, Reply.err(ResponseCode.SYS_TEMP, Text.INTERNAL_ERROR));
            }
            if (checked.entry.isPresent()) {
                brake.succeeded(admission);
                return loginFlow.entered(session, command, checked.entry.get());
            }
            if (checked.authentication.outcome() == Authentication.Outcome.BAD_CREDENTIALS) {
                FailedCredentials.of(session.james()).add(user, password);
            }
            Reply reply = conclude(session, command, admission, user, checked.authentication);
            return reply == null ? null : replies.render(session, command, reply);
        });
    }

    /** A password checked, and the login entered when it was right. */
    private static final class Checked {
        private final Authentication authentication;
        private final Optional<LoginFlow.Entry> entry;

        Checked(Authentication authentication, Optional<LoginFlow.Entry> entry) {
            this.authentication = authentication;
            this.entry = entry;
        }
    }

    /**
     * A bearer token, already checked (OAUTHBEARER, XOAUTH2): a signed token cannot be guessed, so its check is not
     * braked, but a failure counts as any other.
     *
     * @return the reply, or null when it is sent later
     */
    Reply token(Pop3xSession session, Authentication authentication) {
        Admission admission = brake.admitAtOnce(clientAddress(session), authentication.authenticated());
        return conclude(session, "AUTH", admission, authentication.authenticated(), authentication);
    }

    private Reply conclude(Pop3xSession session, String command, Admission admission, String user, Authentication authentication) {
        switch (authentication.outcome()) {
            case SUCCESS:
                brake.succeeded(admission);
                return loginFlow.enter(session, command, authentication.maildropOwner(), authentication.device());
            case TEMPORARY_FAILURE:
                brake.abandoned(admission);
                session.forgetUser();
                return Reply.err(ResponseCode.SYS_TEMP, Text.AUTH_UNAVAILABLE);
            case DELEGATION_FORBIDDEN:
                brake.forbidden(admission, authentication.authenticated(), authentication.requested());
                session.forgetUser();
                return Reply.err(ResponseCode.AUTH, Text.AUTH_FAILED);
            case BAD_CREDENTIALS:
                brake.failed(admission, user);
                session.forgetUser();
                return Reply.err(ResponseCode.AUTH, Text.AUTH_FAILED);
            default:
                throw new IllegalStateException("Unhandled " + authentication.outcome());
        }
    }

    private static InetAddress clientAddress(Pop3xSession session) {
        return session.james().getRemoteAddress().getAddress();
    }
}
