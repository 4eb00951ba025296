package dev.pop3x.delivery;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.InternetHeaders;

import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;

/**
 * The header of a message as James's SMTP server received it, octet for octet, recorded on the {@link Mail} when it
 * holds an 8-bit octet, before James copies the message for the first time.
 *
 * <p>Why: every copy James 3.8.1 makes of a message (the mail queue's, {@code MailImpl.duplicate}'s) writes its header
 * in US-ASCII, each 8-bit octet as {@code ?}, and the copy is what the mailets see. The body survives those copies;
 * the header does not. The record travels with the mail as an attribute (through the memory queue and through the
 * distributed one, which serialises attributes), and delivery puts the recorded octets back ({@link #restoration()}).
 */
public final class HeaderOctets {
    /** The mail attribute that holds the octets: the header fields and the empty line after them. */
    public static final AttributeName ATTRIBUTE = AttributeName.of("dev.pop3x.header-octets");

    private final byte[] octets;

    private HeaderOctets(byte[] octets) {
        this.octets = octets;
    }

    /**
     * The header of a message that no one has copied or changed yet (the one James's SMTP server built from the DATA
     * it read), when it has an 8-bit octet.
     */
    public static Optional<HeaderOctets> ofReceived(MimeMessageWrapper message) throws IOException, MessagingException {
        try (InputStream in = new BufferedInputStream(message.getMessageInputStream(), 8192)) {
            ByteArrayOutputStream block = new ByteArrayOutputStream(2048);
            HeaderBlock.readThrough(in, block);
            byte[] header = block.toByteArray();
            return hasEightBitOctet(header) ? Optional.of(new HeaderOctets(header)) : Optional.empty();
        }
    }

    /** What the SMTP server recorded on this mail, if anything. */
    public static Optional<HeaderOctets> recordedOn(Mail mail) {
        return mail.getAttribute(ATTRIBUTE)
            .flatMap(attribute -> attribute.getValue().valueAs(byte[].class))
            .map(bytes -> new HeaderOctets(bytes.clone()));
    }

    public Attribute asAttribute() {
        return new Attribute(ATTRIBUTE, AttributeValue.of(octets.clone()));
    }

    public int size() {
        return octets.length;
    }

    /**
     * Puts the recorded octets back into the header lines of a copy: each line that reads as a recorded line with
     * {@code ?} for its 8-bit octets is that recorded line, as octets (one character per octet). A line a mailet
     * added or changed has no such match and stays as it is. Two recorded lines that read alike are given back in
     * their order.
     */
    public Restoration restoration() throws MessagingException {
        Map<String, Deque<String>> originals = new HashMap<>();
        for (Enumeration<String> lines = new InternetHeaders(new ByteArrayInputStream(octets)).getAllHeaderLines(); lines.hasMoreElements(); ) {
            String line = lines.nextElement();
            String copied = asCopied(line);
            if (!copied.equals(line)) {
                originals.computeIfAbsent(copied, key -> new ArrayDeque<>()).add(line);
            }
        }
        return line -> {
            Deque<String> candidates = originals.get(line);
            return candidates == null || candidates.isEmpty() ? line : candidates.poll();
        };
    }

    /** Puts back what James's copies replaced, one header line at a time. */
    @FunctionalInterface
    public interface Restoration {
        Restoration NONE = line -> line;

        String restore(String line);
    }

    /** A header line as James's copy writes it: {@code ?} for every character that US-ASCII lacks. */
    static String asCopied(String line) {
        StringBuilder copied = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            copied.append(c > 0x7F ? '?' : c);
        }
        return copied.toString();
    }

    private static boolean hasEightBitOctet(byte[] header) {
        for (byte b : header) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HeaderOctets && Arrays.equals(octets, ((HeaderOctets) other).octets);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(octets);
    }
}
