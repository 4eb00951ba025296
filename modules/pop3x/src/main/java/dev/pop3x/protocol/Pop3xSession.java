package dev.pop3x.protocol;

import java.time.Instant;
import java.util.Optional;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.api.handler.LineHandler;
import org.apache.james.protocols.pop3.POP3Session;

import dev.pop3x.config.Language;

/**
 * pop3x's state of one POP3 connection, typed, kept as one attachment of James's {@link POP3Session}: the
 * language, UTF-8 mode, the user named by USER, and once logged in the {@link Transaction}. James's own
 * handler state is kept in step, for James code that reads it.
 *
 * <p>Every call happens on the connection's event-loop thread, one command at a time.
 */
final class Pop3xSession {
    private static final AttachmentKey<Pop3xSession> KEY = AttachmentKey.of("pop3x.session", Pop3xSession.class);

    private final POP3Session james;
    private final Instant connectedAt;
    private final SessionStatistics statistics = new SessionStatistics();
    private Language language;
    private boolean utf8;
    private Optional<String> namedUser = Optional.empty();
    private Optional<Transaction> transaction = Optional.empty();
    private int badCommands;
    private boolean ended;
    private Optional<DelayedReplies.Hold> hold = Optional.empty();
    private Optional<LineHandler<POP3Session>> saslExchange = Optional.empty();

    private Pop3xSession(POP3Session james, Instant connectedAt, Language language) {
        this.james = james;
        this.connectedAt = connectedAt;
        this.language = language;
    }

    /** Starts pop3x's state for a new connection. */
    static Pop3xSession start(POP3Session james, Instant now, Language language) {
        Pop3xSession session = new Pop3xSession(james, now, language);
        james.setAttachment(KEY, session, State.Connection);
        return session;
    }

    /** pop3x's state of the connection. */
    static Pop3xSession of(POP3Session james) {
        return james.getAttachment(KEY, State.Connection)
            .orElseThrow(() -> new IllegalStateException("No pop3x session: is dev.pop3x.protocol.Greeting in the handler chain?"));
    }

    static Optional<Pop3xSession> find(POP3Session james) {
        return james.getAttachment(KEY, State.Connection);
    }

    POP3Session james() {
        return james;
    }

    Instant connectedAt() {
        return connectedAt;
    }

    SessionStatistics statistics() {
        return statistics;
    }

    Language language() {
        return language;
    }

    void language(Language language) {
        this.language = language;
    }

    boolean utf8() {
        return utf8;
    }

    void enableUtf8() {
        utf8 = true;
    }

    /** The user named by USER (as typed), or the user logged in. */
    Optional<String> namedUser() {
        return namedUser;
    }

    void nameUser(String user) {
        namedUser = Optional.of(user);
        james.setHandlerState(POP3Session.AUTHENTICATION_USERSET);
    }

    /** Back to the start of the AUTHORIZATION state: after a failed login, or STLS. */
    void forgetUser() {
        namedUser = Optional.empty();
        james.setHandlerState(POP3Session.AUTHENTICATION_READY);
    }

    boolean loggedIn() {
        return transaction.isPresent();
    }

    Transaction transaction() {
        return transaction.orElseThrow(() -> new IllegalStateException("Not in the TRANSACTION state"));
    }

    Optional<Transaction> optionalTransaction() {
        return transaction;
    }

    void enterTransaction(Transaction started) {
        transaction = Optional.of(started);
        namedUser = Optional.of(started.user().asString());
        james.setUsername(started.user());
        james.setHandlerState(POP3Session.TRANSACTION);
    }

    /** Counts an unknown command and returns how many this session sent. */
    int badCommand() {
        return ++badCommands;
    }

    /** Marks the session ended and returns whether it was still running (so that it ends once). */
    boolean end() {
        if (ended) {
            return false;
        }
        ended = true;
        transaction.ifPresent(Transaction::end);
        return true;
    }

    boolean isEnded() {
        return ended;
    }

    /** A reply is delayed: what the client sends meanwhile waits in the hold. */
    void hold(DelayedReplies.Hold delayed) {
        hold = Optional.of(delayed);
    }

    void release(DelayedReplies.Hold delayed) {
        if (hold.filter(current -> current == delayed).isPresent()) {
            hold = Optional.empty();
        }
    }

    Optional<DelayedReplies.Hold> currentHold() {
        return hold;
    }

    /** An AUTH exchange in progress reads the next lines; null when none is. */
    void saslExchange(LineHandler<POP3Session> exchange) {
        saslExchange = Optional.ofNullable(exchange);
    }

    Optional<LineHandler<POP3Session>> saslExchange() {
        return saslExchange;
    }

    String remoteAddress() {
        return james.getRemoteAddress().getAddress().getHostAddress();
    }

    boolean tlsActive() {
        return james.isTLSStarted();
    }
}
