package dev.pop3x.it.fuzz;

/** How a fuzzed session ends, whatever happened before: every way must leave the maildrop unlocked. */
enum Ending {
    /** RSET first when a DELE was accepted, then QUIT: the maildrop keeps its messages for the next input. */
    QUIT,
    /** QUIT with the deletions: the UPDATE state expunges; the maildrop is refilled afterwards. */
    QUIT_KEEPING_DELETIONS,
    /** The client closes the connection without QUIT. */
    CLOSE,
    /** The client resets the connection (TCP RST), as a crashed client or a dead link would. */
    RESET,
    /** The client shuts down its sending side and waits for the server to close. */
    HALF_CLOSE
}
