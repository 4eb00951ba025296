package dev.pop3x.protocol;

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
}
