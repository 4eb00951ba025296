/**
 * {@link dev.pop3x.smtp.RecordHeaderOctets}: the SMTP hook that records the octets of the header section a client
 * sent, for {@code delivery}.
 */
package dev.pop3x.smtp;
