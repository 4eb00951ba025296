package dev.pop3x.protocol;

/** The RFC 1939 states in which a command is valid. */
enum Phase {
    AUTHORIZATION,
    TRANSACTION,
    ANY;

    /** The refusal of a command sent in a state where it is not valid, or null when it is valid. */
    Reply refusalFor(Pop3xSession session) {
        if (this == AUTHORIZATION && session.loggedIn()) {
            return Reply.err(Text.ALREADY_LOGGED_IN);
        }
        if (this == TRANSACTION && !session.loggedIn()) {
            return Reply.err(Text.NOT_LOGGED_IN);
        }
        return null;
    }
}
