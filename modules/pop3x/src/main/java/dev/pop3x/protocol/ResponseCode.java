package dev.pop3x.protocol;

import dev.pop3x.maildrop.MaildropException;

/** The extended response codes pop3x sends (RFC 2449 section 8, RFC 3206). */
enum ResponseCode {
    /** The credentials are wrong, or the login is against policy (RFC 3206). */
    AUTH("AUTH"),
    /** A failure likely to go away by itself (RFC 3206). */
    SYS_TEMP("SYS/TEMP"),
    /** A failure that needs an administrator (RFC 3206). */
    SYS_PERM("SYS/PERM"),
    /** The credentials were right but another session holds the maildrop (RFC 2449). */
    IN_USE("IN-USE"),
    /** The user logged in too recently (RFC 2449). */
    LOGIN_DELAY("LOGIN-DELAY");

    private final String text;

    ResponseCode(String text) {
        this.text = text;
    }

    String text() {
        return text;
    }

    /** The code of a maildrop's failure: the one mapping of {@link MaildropException.Kind} to RFC 3206. */
    static ResponseCode forFailure(MaildropException.Kind kind) {
        switch (kind) {
            case PERMANENT:
                return SYS_PERM;
            case FORBIDDEN:
                // a user name the maildir root cannot hold: a policy violation
                return AUTH;
            default:
                return SYS_TEMP;
        }
    }
}
