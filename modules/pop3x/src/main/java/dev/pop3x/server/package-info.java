/**
 * pop3x's POP3 listeners: James's Netty POP3 server with a pipeline of pop3x's, configured from
 * {@code pop3xserver.xml}. Entry points: {@link dev.pop3x.server.Pop3xServers} (the startable James starts, the
 * listeners it runs), {@link dev.pop3x.server.Pop3xServer} (one listener and its keys). Inside:
 * {@code Pop3xChannelInitializer} (the pipeline), {@code LineFramer} (lines on demand), {@code Pop3xTransport}
 * (readability as the session means it), {@code Pop3xChannelHandler} (James's core handler, quieter),
 * {@code HandshakeTimeout} (the TLS handshake bounded).
 */
package dev.pop3x.server;
