package dev.pop3x.protocol.sasl;

/** One SASL mechanism AUTH offers (RFC 5034). */
public interface SaslMechanism {

    /** Its IANA name, upper case: PLAIN, LOGIN, OAUTHBEARER, XOAUTH2. */
    String name();

    /** Whether it carries a password in the clear, so that the plaintext policy applies to it. */
    boolean carriesPassword();

    /** A new exchange, for one AUTH command. */
    SaslExchange start();
}
