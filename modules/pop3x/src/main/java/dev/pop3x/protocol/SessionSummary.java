package dev.pop3x.protocol;

import java.time.Instant;
import java.util.Optional;

/** One open POP3 session as an operator sees it: who, from where, in which state, since when, how much. */
public final class SessionSummary {
    private final String id;
    private final Optional<String> user;
    private final Optional<String> device;
    private final String address;
    private final boolean tls;
    private final String state;
    private final Instant since;
    private final int commands;
    private final long octetsSent;

    SessionSummary(String id, Optional<String> user, Optional<String> device, String address, boolean tls, String state,
                   Instant since, int commands, long octetsSent) {
        this.id = id;
        this.user = user;
        this.device = device;
        this.address = address;
        this.tls = tls;
        this.state = state;
        this.since = since;
        this.commands = commands;
        this.octetsSent = octetsSent;
    }

    /** James's session id, as in the session's log lines. */
    public String id() {
        return id;
    }

    /** The user logged in, or the one named by USER so far. */
    public Optional<String> user() {
        return user;
    }

    public Optional<String> device() {
        return device;
    }

    public String address() {
        return address;
    }

    public boolean tls() {
        return tls;
    }

    /** RFC 1939's state: AUTHORIZATION or TRANSACTION. */
    public String state() {
        return state;
    }

    public Instant since() {
        return since;
    }

    public int commands() {
        return commands;
    }

    public long octetsSent() {
        return octetsSent;
    }
}
