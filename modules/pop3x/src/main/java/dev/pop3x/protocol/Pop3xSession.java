package dev.pop3x.protocol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import javax.net.ssl.SSLSession;

import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.pop3.POP3Session;

import io.netty.util.concurrent.EventExecutor;

/**
 * pop3x's state of one POP3 connection, typed, kept as one attachment of James's {@link POP3Session}: the
 * language, UTF-8 mode, the user named by USER, and once logged in the {@link Transaction}. James's own
 * handler state is kept in step, for James code that reads it.
 *
 * <p>Every call happens on the connection's event-loop thread, one command at a time.
 */
final class Pop3xSession {
    private static final AttachmentKey<Pop3xSession> KEY = AttachmentKey.of("pop3x.session", Pop3xSession.class);

    /** What {@link SSLSession#getCipherSuite()} reports until the TLS handshake has completed (SSLEngine's contract). */
    private static final String NO_CIPHER_SUITE_YET = "SSL_NULL_WITH_NULL_NULL";

    private final POP3Session james;
    private final Clock clock;
    private final Instant connectedAt;
    private final SessionStatistics statistics = new SessionStatistics();
    private final SessionOutput output;
    private final SessionInput input;
    private final ListenerSettings listener;
    private volatile Instant lastHeard;
    private Language language;
    private boolean utf8;
    private Optional<String> namedUser = Optional.empty();
    private Optional<Transaction> transaction = Optional.empty();
    private final MessagesAhead messagesAhead = new MessagesAhead();
    private int badCommands;
    private int commandsBeforeLogin;
    private boolean tlsNegotiating;
    private volatile boolean ended;

    private Pop3xSession(POP3Session james, EventExecutor eventLoop, Clock clock, Language language, ListenerSettings listener,
                         Consumer<Pop3xSession> timedOut, Executor storage) {
        this.james = james;
        this.clock = clock;
        this.connectedAt = clock.instant();
        this.lastHeard = connectedAt;
        this.language = language;
        this.listener = listener;
        this.output = new SessionOutput(clock);
        this.input = new SessionInput(james, eventLoop, this::idleFor, () -> listener.idleTimeout(loggedIn()), () -> timedOut.accept(this),
            storage);
    }

    /**
     * Starts pop3x's state for a new connection.
     *
     * @param eventLoop the connection's event loop, where James runs its handlers
     * @param listener the listener the client connected to
     * @param timedOut what ends a session whose connection is closed for being idle
     * @param storage the session's line of storage calls
     */
    static Pop3xSession start(POP3Session james, EventExecutor eventLoop, Clock clock, Language language, ListenerSettings listener,
                              Consumer<Pop3xSession> timedOut, Executor storage) {
        Pop3xSession session = new Pop3xSession(james, eventLoop, clock, language, listener, timedOut, storage);
        james.setAttachment(KEY, session, State.Connection);
        return session;
    }

    /** The listener the client connected to. */
    ListenerSettings listener() {
        return listener;
    }

    /** pop3x's state of the connection. */
    static Pop3xSession of(POP3Session james) {
        return james.getAttachment(KEY, State.Connection)
            .orElseThrow(() -> new IllegalStateException("No pop3x session: is dev.pop3x.protocol.SessionStart in the handler chain?"));
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

    SessionInput input() {
        return input;
    }

    SessionOutput output() {
        return output;
    }

    /** A line came from the client. */
    void heard() {
        lastHeard = clock.instant();
    }

    /** How long the session has been idle: nothing heard from the client, and no reply moving towards it. */
    Duration idleFor() {
        Instant last = lastHeard.isAfter(output.lastProgress()) ? lastHeard : output.lastProgress();
        return Duration.between(last, clock.instant());
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

    /** The user named by USER, as typed, until a login or its failure; PASS checks the password of this user. */
    Optional<String> userNamedByUserCommand() {
        return loggedIn() ? Optional.empty() : namedUser;
    }

    /** For logs: the user logged in, or the one named by USER. */
    Optional<String> user() {
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

    /** RETR's messages read ahead in this session. */
    MessagesAhead messagesAhead() {
        return messagesAhead;
    }

    void enterTransaction(Transaction started) {
        transaction = Optional.of(started);
        namedUser = Optional.of(started.user().asString());
        james.setUsername(started.user());
        james.setHandlerState(POP3Session.TRANSACTION);
        input.idleTimeoutChanged();
    }

    /** Counts an unknown command (or another line that is no command) and returns how many this session sent. */
    int badCommand() {
        return ++badCommands;
    }

    /** Counts a command sent before login and returns how many this session sent. */
    int commandBeforeLogin() {
        return ++commandsBeforeLogin;
    }

    /** STLS was answered {@code +OK}: TLS starts with the client's next bytes. */
    void tlsNegotiating() {
        tlsNegotiating = true;
    }

    /**
     * Whether a line now arriving was sent in the clear behind STLS: after the {@code +OK} to STLS, a line can come
     * through TLS only once the handshake is complete, so a line before that was written before TLS began (an
     * attacker's injection, CVE-2011-0411).
     */
    boolean injectedBehindStls() {
        if (!tlsNegotiating) {
            return false;
        }
        boolean handshakeDone = james.getSSLSession()
            .map(tls -> !NO_CIPHER_SUITE_YET.equals(tls.getCipherSuite()))
            .orElse(false);
        if (handshakeDone) {
            tlsNegotiating = false;
        }
        return !handshakeDone;
    }

    /**
     * Marks the session ended and returns whether it was still running (so that it ends once). Its maildrop is closed
     * and its lock released off the event loop, after the storage calls the session made before.
     */
    boolean end() {
        if (ended) {
            return false;
        }
        ended = true;
        input.end();
        messagesAhead.clear();
        transaction.ifPresent(ending -> input.inBackground("Releasing the maildrop of " + ending.user().asString(), () -> {
            ending.end();
            return null;
        }));
        return true;
    }

    boolean isEnded() {
        return ended;
    }

    String remoteAddress() {
        return james.getRemoteAddress().getAddress().getHostAddress();
    }

    boolean tlsActive() {
        return james.isTLSStarted();
    }
}
