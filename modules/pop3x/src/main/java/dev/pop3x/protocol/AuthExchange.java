package dev.pop3x.protocol;

import java.util.Optional;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.auth.AuthSettings;
import dev.pop3x.auth.Authentication;
import dev.pop3x.auth.Authenticator;
import dev.pop3x.protocol.sasl.AuthRequest;
import dev.pop3x.protocol.sasl.SaslExchange;
import dev.pop3x.protocol.sasl.SaslMechanism;
import dev.pop3x.protocol.sasl.SaslStep;

/**
 * One AUTH exchange (RFC 5034): {@code + } continuations with the mechanism's challenges, the client's responses in
 * base64 on lines of their own, {@code *} to cancel, and the credentials checked at its end. While it runs, the
 * session's lines come here instead of to the dispatcher.
 */
final class AuthExchange implements LineHandler<POP3Session> {
    private static final Logger LOGGER = LoggerFactory.getLogger(AuthExchange.class);

    private final Pop3xSession session;
    private final SaslMechanism mechanism;
    private final SaslExchange sasl;
    private final AuthSettings settings;
    private final Authenticator authenticator;
    private final LoginAttempts attempts;
    private final Replies replies;
    private boolean reading;
    /** A bearer token was refused: the client's next line acknowledges the error challenge (RFC 7628 3.2.2). */
    private Authentication refusedAwaitingAcknowledgement;

    AuthExchange(Pop3xSession session, SaslMechanism mechanism, AuthSettings settings, Authenticator authenticator,
                 LoginAttempts attempts, Replies replies) {
        this.session = session;
        this.mechanism = mechanism;
        this.sasl = mechanism.start();
        this.settings = settings;
        this.authenticator = authenticator;
        this.attempts = attempts;
        this.replies = replies;
    }

    /** Starts the exchange with the AUTH command's initial response, if it had one. */
    Reply begin(Optional<byte[]> initialResponse) {
        return step(sasl.next(initialResponse));
    }

    /**
     * A continuation line bypasses the dispatcher, so it has its own guard: a failure ends the exchange with
     * {@code -ERR [SYS/TEMP]} and a log line, and the session goes on in the AUTHORIZATION state.
     *
     * <p>A POP3 command instead of a client response ends the exchange and runs as a command: the client gave up the
     * exchange. A client response is base64 without spaces, never a keyword of this chain alone or followed by a
     * space. A response longer than the listener's lines ({@code LineFramer}, 8,192 octets) arrives cut, is not
     * base64, and ends the exchange with {@code -ERR}.
     */
    @Override
    public Response onLine(POP3Session james, byte[] bytes) {
        session.heard();
        if (bytes.length == 0 || bytes[bytes.length - 1] != '\n') {
            // the listener hands a line over without its end only when it was too long, cut
            LOGGER.info("AUTH {} exchange from {} ended by a response over {} octets", mechanism.name(), session.remoteAddress(),
                Pop3xDispatcher.MAX_AUTH_LINE);
            end();
            return render(Reply.err(Text.LINE_TOO_LONG, Pop3xDispatcher.MAX_AUTH_LINE));
        }
        if (session.input().dispatcher().isCommand(bytes)) {
            LOGGER.info("AUTH {} exchange from {} abandoned for a command", mechanism.name(), session.remoteAddress());
            end();
            return session.input().dispatcher().onLine(james, bytes);
        }
        try {
            return render(answer(Pop3xDispatcher.decode(bytes).strip()));
        } catch (RuntimeException e) {
            LOGGER.error("AUTH {} exchange failed for {}", mechanism.name(), session.remoteAddress(), e);
            end();
            return render(Reply.err(ResponseCode.SYS_TEMP, Text.INTERNAL_ERROR));
        }
    }

    private Response render(Reply reply) {
        return reply == null ? null : replies.render(session, "AUTH", reply);
    }

    private Reply answer(String line) {
        if (refusedAwaitingAcknowledgement != null) {
            end();
            return attempts.token(session, refusedAwaitingAcknowledgement);
        }
        if (AuthRequest.cancels(line)) {
            end();
            return Reply.err(Text.SASL_ABORTED);
        }
        Optional<byte[]> response = AuthRequest.base64(line);
        if (response.isEmpty()) {
            end();
            return Reply.err(Text.SASL_BAD_BASE64);
        }
        return step(sasl.next(response));
    }

    /** @return the reply, or null when the continuation was written here or the reply comes later */
    private Reply step(SaslStep step) {
        switch (step.kind()) {
            case CHALLENGE:
                return challenge(step.challenge());
            case MALFORMED:
                end();
                return Reply.err(Text.SASL_MALFORMED, mechanism.name());
            case PASSWORD:
                end();
                return attempts.password(session, "AUTH", step.identity(), step.secret(), step.authorizationId());
            case TOKEN:
                return token(step);
            default:
                throw new IllegalStateException("Unhandled " + step);
        }
    }

    /** The token is checked off the event loop (its issuer's keys may be fetched); the reply comes later. */
    private Reply token(SaslStep step) {
        session.input().offLoop(() -> authenticator.token(settings.oidc().orElseThrow(), step.secret(), step.authorizationId()),
            (authentication, failure) -> {
                if (failure != null) {
                    LOGGER.error("AUTH {} from {}: the token could not be checked", mechanism.name(), session.remoteAddress(), failure);
                    end();
                    return render(Reply.err(ResponseCode.SYS_TEMP, Text.AUTH_UNAVAILABLE));
                }
                Optional<byte[]> errorChallenge = sasl.failureChallenge();
                if (authentication.outcome() == Authentication.Outcome.SUCCESS || errorChallenge.isEmpty()) {
                    end();
                    return render(attempts.token(session, authentication));
                }
                refusedAwaitingAcknowledgement = authentication;
                readHere();
                return replies.continuation(session, errorChallenge.get());
            });
        return null;
    }

    /** Sends a continuation and reads the client's next line here. */
    private Reply challenge(byte[] challenge) {
        readHere();
        session.input().write(replies.continuation(session, challenge));
        return null;
    }

    private void readHere() {
        if (!reading) {
            reading = true;
            session.input().exchangeBegun(this);
        }
    }

    private void end() {
        if (reading) {
            reading = false;
            session.input().exchangeEnded();
        }
    }
}
