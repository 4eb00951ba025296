package dev.pop3x.migration.pull;

/** How a pull reaches the previous server: STLS after the greeting (RFC 2595), TLS from the first byte, or no TLS. */
public enum TlsMode {
    STLS,
    IMPLICIT,
    NONE
}
