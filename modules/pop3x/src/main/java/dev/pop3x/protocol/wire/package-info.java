/**
 * Byte streams of POP3 replies: a message as RETR sends it ({@link dev.pop3x.protocol.wire.Pop3Body}: CRLF line ends,
 * byte-stuffed), its first lines for TOP ({@link dev.pop3x.protocol.wire.TopLines}), a stream read whole as one
 * reply ({@link dev.pop3x.protocol.wire.Concatenation}), an action run once a stream is read to its end
 * ({@link dev.pop3x.protocol.wire.OnFullyRead}), and a reply to be read off the event loop as it is sent
 * ({@link dev.pop3x.protocol.wire.ReadOffLoop}).
 */
package dev.pop3x.protocol.wire;
