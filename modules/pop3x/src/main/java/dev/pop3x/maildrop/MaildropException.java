package dev.pop3x.maildrop;

/**
 * A maildrop operation that failed, and whether trying again later may succeed: RFC 3206's {@code [SYS/TEMP]}
 * and {@code [SYS/PERM]}.
 */
public final class MaildropException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** Likely to go away by itself: a backend timeout, a file removed behind our back, a full disk. */
        TEMPORARY,
        /** Will not go away without an administrator: a corrupt maildrop, a user without storage. */
        PERMANENT,
        /** The user may not have a maildrop here at all: a name that would reach outside the maildir root. */
        FORBIDDEN
    }

    private final Kind kind;

    public MaildropException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public static MaildropException temporary(String message, Throwable cause) {
        return new MaildropException(Kind.TEMPORARY, message, cause);
    }

    public static MaildropException permanent(String message, Throwable cause) {
        return new MaildropException(Kind.PERMANENT, message, cause);
    }

    public static MaildropException forbidden(String message) {
        return new MaildropException(Kind.FORBIDDEN, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
