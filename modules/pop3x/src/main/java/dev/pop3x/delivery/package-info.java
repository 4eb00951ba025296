/**
 * Mail delivered with the octets the SMTP client sent: {@link dev.pop3x.delivery.IntactMailStore} (James's mail store
 * appending {@link dev.pop3x.delivery.ReceivedOctets}), {@link dev.pop3x.delivery.ReceivedOctetsContent} and the
 * header helpers ({@code HeaderBlock}, {@code HeaderOctets}, {@code ReceivedOctetsAppender}). Used by {@code mailet}
 * and {@code smtp}.
 */
package dev.pop3x.delivery;
