package dev.pop3x.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.inject.Inject;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.CapaCapability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.base.Splitter;

import dev.pop3x.auth.Authentication;
import dev.pop3x.auth.Authenticator;
import dev.pop3x.config.AuthSettings;
import dev.pop3x.protocol.sasl.SaslExchange;
import dev.pop3x.protocol.sasl.SaslMechanism;
import dev.pop3x.protocol.sasl.SaslMechanisms;
import dev.pop3x.protocol.sasl.SaslStep;

/**
 * AUTH (RFC 5034): {@code AUTH} alone lists the mechanisms (as Dovecot does, for old clients);
 * {@code AUTH mechanism [initial-response]} runs a SASL exchange, with {@code + } continuations, {@code *} to
 * cancel, and {@code =} for an empty initial response. Every failure leaves the session in the AUTHORIZATION
 * state, as if AUTH had not been sent.
 */
public final class AuthCommand extends Pop3xCommand implements CapaCapability {
    private static final Logger LOGGER = LoggerFactory.getLogger(AuthCommand.class);
    private static final Splitter WORDS = Splitter.on(' ').omitEmptyStrings().trimResults();

    private final AuthPolicy policy;
    private final Authenticator authenticator;
    private final LoginAttempts attempts;

    @Inject
    public AuthCommand(Replies replies, AuthPolicy policy, Authenticator authenticator, LoginAttempts attempts) {
        super(replies, Phase.AUTHORIZATION, "AUTH");
        this.policy = policy;
        this.authenticator = authenticator;
        this.attempts = attempts;
    }

    @Override
    Reply execute(Pop3xSession session, String command, String argument) {
        SaslMechanisms offered = offered(session);
        if (argument == null || argument.isBlank()) {
            return Reply.ok(Text.SASL_MECHANISMS).withLines(offered.names());
        }
        List<String> words = WORDS.splitToList(argument);
        // no word left once trimmed: the argument was whitespace that is no blank, a no-break space (found by PopFuzzIT)
        if (words.isEmpty() || words.size() > 2) {
            return Reply.err(Text.USAGE, "AUTH mechanism [initial-response]");
        }
        String name = words.get(0);
        Optional<SaslMechanism> mechanism = offered.find(name);
        if (mechanism.isEmpty()) {
            return SaslMechanisms.isPasswordMechanism(name) && !policy.allowsPlaintext(session)
                ? Reply.err(ResponseCode.AUTH, Text.PLAINTEXT_DISALLOWED)
                : Reply.err(Text.SASL_UNSUPPORTED);
        }
        Optional<byte[]> initialResponse = Optional.empty();
        if (words.size() == 2) {
            Optional<byte[]> decoded = decode(words.get(1).equals("=") ? "" : words.get(1));
            if (decoded.isEmpty()) {
                return Reply.err(Text.SASL_BAD_BASE64);
            }
            initialResponse = decoded;
        }
        Exchange exchange = new Exchange(session, mechanism.get(), mechanism.get().start());
        return exchange.step(exchange.sasl.next(initialResponse));
    }

    private SaslMechanisms offered(Pop3xSession session) {
        return SaslMechanisms.offered(policy.of(session), policy.allowsPlaintext(session));
    }

    /** RFC 4648 base64, strictly: an invalid character or misplaced padding is refused (RFC 5034 section 4). */
    static Optional<byte[]> decode(String base64) {
        try {
            return Optional.of(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** {@code SASL <mechanisms>}, before login: RFC 5034 wants it after login too, and James keeps it there. */
    @Override
    public Set<String> getImplementedCapabilities(POP3Session james) {
        SaslMechanisms offered = offered(Pop3xSession.of(james));
        return offered.isEmpty() ? Set.of() : Set.of("SASL " + String.join(" ", offered.names()));
    }

    /** One AUTH exchange: the continuation lines the client sends go here until it ends. */
    private final class Exchange implements LineHandler<POP3Session> {
        private final Pop3xSession session;
        private final SaslMechanism mechanism;
        private final SaslExchange sasl;
        private boolean pushed;
        private Optional<Authentication> failedAwaitingAcknowledgement = Optional.empty();

        private Exchange(Pop3xSession session, SaslMechanism mechanism, SaslExchange sasl) {
            this.session = session;
            this.mechanism = mechanism;
            this.sasl = sasl;
        }

        /**
         * A continuation line bypasses the dispatcher, so it has its own guard: a failure ends the exchange with
         * {@code -ERR [SYS/TEMP]} and a log line, and the session goes on in the AUTHORIZATION state.
         *
         * <p>A POP3 command instead of a client response ends the exchange and runs as a command: the client gave
         * up the exchange. That happens when its response was longer than James's framer takes (8,192 octets):
         * James answers {@code -ERR Exceed maximal line length} itself, drops the line without telling pop3x, and the
         * client, which has its answer, goes on with commands. A client response is base64 without spaces, never a
         * keyword of this chain alone or followed by a space.
         */
        @Override
        public Response onLine(POP3Session james, byte[] bytes) {
            session.heard();
            if (!session.input().admits(bytes)) {
                return null;
            }
            if (session.input().dispatcher().isCommand(bytes)) {
                LOGGER.info("AUTH {} exchange from {} abandoned for a command", mechanism.name(), session.remoteAddress());
                end();
                return session.input().dispatcher().onLine(james, bytes);
            }
            String line = Pop3xDispatcher.decode(bytes).strip();
            Reply reply;
            try {
                reply = answer(line);
            } catch (RuntimeException e) {
                LOGGER.error("AUTH {} exchange failed for {}", mechanism.name(), session.remoteAddress(), e);
                end();
                reply = Reply.err(ResponseCode.SYS_TEMP, Text.INTERNAL_ERROR);
            }
            return reply == null ? null : replies.render(session, "AUTH", reply);
        }

        private Reply answer(String line) {
            if (failedAwaitingAcknowledgement.isPresent()) {
                end();
                return attempts.conclude(session, "AUTH", failedAwaitingAcknowledgement.get());
            }
            if (line.equals("*")) {
                end();
                return Reply.err(Text.SASL_ABORTED);
            }
            Optional<byte[]> response = decode(line);
            if (response.isEmpty()) {
                end();
                return Reply.err(Text.SASL_BAD_BASE64);
            }
            return step(sasl.next(response));
        }

        Reply step(SaslStep step) {
            switch (step.kind()) {
                case CHALLENGE:
                    begin();
                    return Reply.continuation(Base64.getEncoder().encodeToString(step.challenge()));
                case MALFORMED:
                    end();
                    return Reply.err(Text.SASL_MALFORMED, mechanism.name());
                case PASSWORD:
                    end();
                    return attempts.conclude(session, "AUTH",
                        authenticator.password(step.identity(), step.secret(), step.authorizationId()));
                case TOKEN:
                    return token(step);
                default:
                    throw new IllegalStateException("Unhandled " + step);
            }
        }

        private Reply token(SaslStep step) {
            AuthSettings settings = policy.of(session);
            Authentication authentication = authenticator.token(settings.oidc().orElseThrow(), step.secret(), step.authorizationId());
            Optional<byte[]> errorChallenge = sasl.failureChallenge();
            if (authentication.outcome() == Authentication.Outcome.SUCCESS || errorChallenge.isEmpty()) {
                end();
                return attempts.conclude(session, "AUTH", authentication);
            }
            // RFC 7628 3.2.2: the error travels as a challenge; the client's next line ends the exchange
            begin();
            failedAwaitingAcknowledgement = Optional.of(authentication);
            return Reply.continuation(Base64.getEncoder().encodeToString(errorChallenge.get()));
        }

        private void begin() {
            if (!pushed) {
                pushed = true;
                session.input().exchangeBegun(this);
            }
        }

        private void end() {
            if (pushed) {
                pushed = false;
                session.input().exchangeEnded();
            }
        }
    }

}
