package dev.pop3x.migration.pull;

/** The previous server could not be read: unreachable, refused the login, or answered outside RFC 1939. */
public final class PullFailure extends Exception {
    private static final long serialVersionUID = 1L;

    PullFailure(String message) {
        super(message);
    }

    PullFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
