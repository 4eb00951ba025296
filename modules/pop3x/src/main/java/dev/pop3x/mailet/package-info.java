/**
 * Mailets for James's {@code mailetcontainer.xml}: {@link dev.pop3x.mailet.ToMaildir} (delivery to maildir-backend
 * users) and {@link dev.pop3x.mailet.IntactLocalDelivery} (James's {@code LocalDelivery} keeping the octets received).
 */
package dev.pop3x.mailet;
