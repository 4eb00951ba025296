package dev.pop3x.auth;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.jwt.OidcJwtTokenVerifier;
import org.apache.james.jwt.introspection.IntrospectionEndpoint;
import org.apache.james.mailbox.SessionProvider;
import org.apache.james.mailbox.SessionProvider.AuthorizationStep;
import org.apache.james.mailbox.exception.BadCredentialsException;
import org.apache.james.mailbox.exception.ForbiddenDelegationException;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.UserDoesNotExistException;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.log.Untrusted;
import reactor.core.publisher.Mono;

/**
 * Checks credentials against James: passwords through James's {@link SessionProvider} (the users repository, as
 * for James's own POP3 and IMAP: their {@code MailboxManager.authenticate} is this provider's), bearer tokens with
 * James's {@link OidcJwtTokenVerifier}, and a request to open another user's maildrop (a SASL authorization
 * identity) through James's delegation rules.
 */
public final class Authenticator {
    private static final Logger LOGGER = LoggerFactory.getLogger(Authenticator.class);

    private final SessionProvider sessions;
    private final UsersRepository users;

    @Inject
    public Authenticator(SessionProvider sessions, UsersRepository users) {
        this.sessions = sessions;
        this.users = users;
    }

    /**
     * @param authenticationId who the password belongs to (a user name: device tags are taken off before, in
     *                         {@code protocol.DeviceTags})
     * @param authorizationId whose maildrop to open, when another user's (SASL PLAIN authzid)
     */
    public Authentication password(String authenticationId, String password, Optional<String> authorizationId) {
        Optional<Username> authenticated = username(authenticationId);
        if (authenticated.isEmpty() || password.isEmpty()) {
            return Authentication.failure(Authentication.Outcome.BAD_CREDENTIALS, authenticationId);
        }
        return authorize(sessions.authenticate(authenticated.get(), password), authenticated.get(), authorizationId);
    }

    /**
     * @param requestedUser the user the client asked for (OAUTHBEARER {@code a=}, XOAUTH2 {@code user=}), if any
     */
    public Authentication token(OidcSASLConfiguration oidc, String token, Optional<String> requestedUser) {
        Optional<String> claim;
        try {
            claim = verify(oidc, token);
        } catch (RuntimeException e) {
            LOGGER.warn("Token check against {} failed", oidc.getJwksURL(), e);
            return Authentication.failure(Authentication.Outcome.TEMPORARY_FAILURE, requestedUser.orElse("(token)"));
        }
        Optional<Username> authenticated = claim.flatMap(Authenticator::username);
        if (authenticated.isEmpty()) {
            return Authentication.failure(Authentication.Outcome.BAD_CREDENTIALS, requestedUser.orElse("(token)"));
        }
        try {
            if (!users.contains(authenticated.get())) {
                LOGGER.info("Valid token for {}, who is not a James user", Untrusted.word(authenticated.get().asString()));
                return Authentication.failure(Authentication.Outcome.BAD_CREDENTIALS, authenticated.get().asString());
            }
        } catch (UsersRepositoryException e) {
            LOGGER.warn("Cannot look up {}", Untrusted.word(authenticated.get().asString()), e);
            return Authentication.failure(Authentication.Outcome.TEMPORARY_FAILURE, authenticated.get().asString());
        }
        return authorize(sessions.authenticate(authenticated.get()), authenticated.get(), requestedUser);
    }

    private static Optional<String> verify(OidcSASLConfiguration oidc, String token) {
        if (oidc.isCheckTokenByIntrospectionEndpoint()) {
            return Mono.from(OidcJwtTokenVerifier.verifyWithIntrospection(token, oidc.getJwksURL(), oidc.getClaim(),
                new IntrospectionEndpoint(oidc.getIntrospectionEndpoint().orElseThrow(), oidc.getIntrospectionEndpointAuthorization())))
                .onErrorResume(e -> Mono.empty())
                .blockOptional();
        }
        if (oidc.isCheckTokenByUserinfoEndpoint()) {
            return Mono.from(OidcJwtTokenVerifier.verifyWithUserinfo(token, oidc.getJwksURL(), oidc.getClaim(),
                oidc.getUserInfoEndpoint().orElseThrow()))
                .onErrorResume(e -> Mono.empty())
                .blockOptional();
        }
        return OidcJwtTokenVerifier.verifySignatureAndExtractClaim(token, oidc.getJwksURL(), oidc.getClaim());
    }

    private Authentication authorize(AuthorizationStep step, Username authenticated, Optional<String> authorizationId) {
        Optional<Username> other = authorizationId.flatMap(Authenticator::username)
            .filter(requested -> !requested.equals(authenticated));
        try {
            if (authorizationId.isPresent() && username(authorizationId.get()).isEmpty()) {
                // checked like a forbidden delegation, so that the answer tells nothing but "not allowed"
                step.withoutDelegation();
                return Authentication.delegationForbidden(authenticated.asString(), authorizationId.get());
            }
            if (other.isPresent()) {
                return delegated(step, authenticated, other.get());
            }
            step.withoutDelegation();
            return Authentication.success(authenticated, authenticated);
        } catch (BadCredentialsException e) {
            return Authentication.failure(Authentication.Outcome.BAD_CREDENTIALS, authenticated.asString());
        } catch (MailboxException | RuntimeException e) {
            LOGGER.warn("Cannot check the credentials of {}", Untrusted.word(authenticated.asString()), e);
            return Authentication.failure(Authentication.Outcome.TEMPORARY_FAILURE, authenticated.asString());
        }
    }

    /**
     * A login to another user's maildrop: allowed by James's delegation rules, or refused the same way whether the
     * other user does not exist or may not be opened by this one (the answer must not tell an authenticated user
     * which users exist).
     */
    private static Authentication delegated(AuthorizationStep step, Username authenticated, Username other) throws MailboxException {
        try {
            step.as(other);
            LOGGER.info("{} logs in to the maildrop of {} by delegation", authenticated.asString(), other.asString());
            return Authentication.success(other, authenticated);
        } catch (ForbiddenDelegationException | UserDoesNotExistException e) {
            return Authentication.delegationForbidden(authenticated.asString(), other.asString());
        }
    }

    /** The user the text names; none when it is no user name (James would log it as it is: it must be printable). */
    private static Optional<Username> username(String text) {
        if (!Untrusted.isPrintable(text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Username.of(text.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
