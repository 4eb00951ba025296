package dev.pop3x.protocol;

/**
 * Every human-readable text pop3x sends, by key. The English and French wordings live in
 * {@code dev/pop3x/protocol/texts*.properties}; {@code {0}}, {@code {1}} are replaced by the arguments.
 */
enum Text {
    NONE,
    /** Data, not words: the argument as it is (message counts, sizes, unique-ids). */
    RAW,
    GREETING,
    CAPABILITIES,
    WELCOME,
    SIGN_OFF,
    SIGN_OFF_NOT_CLEAN,
    INTERNAL_ERROR,
    NOT_LOGGED_IN,
    ALREADY_LOGGED_IN,
    UNKNOWN_COMMAND,
    EMPTY_COMMAND,
    TOO_MANY_BAD_COMMANDS,
    USAGE,
    INVALID_MESSAGE_NUMBER,
    NO_SUCH_MESSAGE,
    MESSAGE_DELETED_ALREADY,
    INVALID_LINE_COUNT,
    MESSAGE_FOLLOWS,
    MESSAGE_DELETED,
    MESSAGE_UNAVAILABLE,
    UNIQUE_ID_LISTING,
    PLAINTEXT_DISALLOWED,
    NO_USERNAME,
    AUTH_FAILED,
    AUTH_UNAVAILABLE,
    IN_USE,
    LOGIN_DELAY,
    MAILDROP_TEMPORARY_FAILURE,
    MAILDROP_PERMANENT_FAILURE,
    SASL_MECHANISMS,
    SASL_UNSUPPORTED,
    SASL_ABORTED,
    SASL_BAD_BASE64,
    SASL_MALFORMED,
    SASL_NOT_ALLOWED,
    DELEGATION_FORBIDDEN,
    STLS_BEGIN,
    STLS_ACTIVE,
    STLS_UNAVAILABLE,
    STLS_AFTER_UTF8,
    UTF8_ENABLED,
    LANGUAGES,
    LANGUAGE_CHANGED,
    LANGUAGE_UNSUPPORTED
}
