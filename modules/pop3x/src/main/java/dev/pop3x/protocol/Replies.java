package dev.pop3x.protocol;

import java.util.Base64;

import javax.inject.Inject;

import org.apache.james.protocols.api.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.log.Untrusted;

/**
 * Puts replies into words for a session, in its language, as the streams its {@link SessionOutput} follows; and logs
 * every refusal once, in English, whatever the session's language (the keyword as the client sent it, escaped).
 */
final class Replies {
    private static final Logger LOGGER = LoggerFactory.getLogger(Replies.class);

    private final Texts texts;

    @Inject
    Replies(Texts texts) {
        this.texts = texts;
    }

    /** @param command the keyword the reply answers, for the log line of a refusal */
    Response render(Pop3xSession session, String command, Reply reply) {
        if (!reply.isOk()) {
            LOGGER.info("{} refused: {}{}", Untrusted.text(command),
                reply.code().map(code -> "[" + code.text() + "] ").orElse(""), Untrusted.text(reply.words(texts, Language.EN)));
        }
        return reply.render(texts, session.language(), session.output()::track);
    }

    /** A SASL continuation request (RFC 5034) with its challenge: {@code + } and base64, maybe empty. */
    Response continuation(Pop3xSession session, byte[] challenge) {
        return Responses.continuation(Base64.getEncoder().encodeToString(challenge), session.output()::track);
    }
}
