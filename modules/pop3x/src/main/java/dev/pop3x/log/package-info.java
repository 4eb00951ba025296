/**
 * {@link dev.pop3x.log.Untrusted}: what a client sent, made safe for a log line. Depends on nothing else of pop3x.
 */
package dev.pop3x.log;
