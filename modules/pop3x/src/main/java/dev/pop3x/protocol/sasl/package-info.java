/**
 * SASL mechanisms for AUTH (RFC 5034): {@link dev.pop3x.protocol.sasl.SaslMechanisms} (those offered), each a
 * {@link dev.pop3x.protocol.sasl.SaslMechanism} ({@code Plain}, {@code Login}, {@code OAuthBearer}, {@code XOAuth2})
 * stepping a {@link dev.pop3x.protocol.sasl.SaslExchange} to a {@code SaslStep}; {@code AuthRequest},
 * {@code Bearer}, {@code BearerTokens}. The exchange with the client is {@code protocol.AuthExchange}.
 */
package dev.pop3x.protocol.sasl;
