package dev.pop3x.protocol;

/** When CAPA shows the RFC 2449 IMPLEMENTATION line, which names pop3x and its version. */
public enum ImplementationAdvertising {
    /** Before and after login, like Courier and Stalwart. */
    ALWAYS,
    /** Only in the TRANSACTION state, so anonymous clients do not learn the version (Cyrus' default). */
    AFTER_LOGIN,
    /** Never. */
    NEVER
}
