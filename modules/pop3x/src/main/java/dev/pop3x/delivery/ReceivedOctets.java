package dev.pop3x.delivery;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Optional;

import javax.mail.MessagingException;
import javax.mail.internet.MimeMessage;

import org.apache.james.server.core.MimeMessageUtil;
import org.apache.james.server.core.MimeMessageWrapper;
import org.apache.mailet.Mail;

/**
 * The octets of a message as James received it, 8-bit header fields included, with the changes the mailets made
 * to its header (a field added, removed or replaced).
 *
 * <p>Why not {@link MimeMessage#writeTo}: James 3.8.1 writes a message's header through
 * {@code InternetHeadersInputStream}, which encodes each line in US-ASCII, so that every octet of 0x80 or more in
 * a header field becomes {@code ?} ({@code Subject: Grüße} in UTF-8 is written {@code Subject: Gr????e}). It does so
 * even for a message no mailet changed, every time it copies one (its mail queue does) and when
 * {@code LocalDelivery} stores one. What its SMTP server received is put back from the {@link HeaderOctets} recorded
 * then, and the rest is written as JavaMail read it: one character per octet (ISO-8859-1, as
 * {@code InternetHeaders.load} reads without {@code mail.mime.allowutf8}), which gives a field back exactly as it
 * arrived, whatever its charset (RFC 6532 UTF-8 or a legacy 8-bit one).
 *
 * <p>A line with a character beyond U+00FF cannot have been read from a message: a mailet set it, as text, and it is
 * written in UTF-8 (RFC 6532). The body is the source's own octets, streamed, when no mailet changed it; otherwise it
 * is what James writes for a changed body.
 */
public final class ReceivedOctets {
    private static final byte[] CRLF = {'\r', '\n'};

    private final MimeMessage message;
    private final Optional<HeaderOctets> received;
    private final String[] omittedFields;

    private ReceivedOctets(MimeMessage message, Optional<HeaderOctets> received, String[] omittedFields) {
        this.message = message;
        this.received = received;
        this.omittedFields = omittedFields.clone();
    }

    /**
     * @param received the header as the SMTP server received it, if it recorded one
     * @param omittedFields names of header fields left out (the caller writes its own)
     */
    public static ReceivedOctets of(MimeMessage message, Optional<HeaderOctets> received, String... omittedFields) {
        return new ReceivedOctets(message, received, omittedFields);
    }

    /** The mail's message, with what James's SMTP server recorded of it. */
    public static ReceivedOctets of(Mail mail, String... omittedFields) throws MessagingException {
        return of(mail.getMessage(), HeaderOctets.recordedOn(mail), omittedFields);
    }

    /** A new stream of the octets, from the first header line to the end of the body, each time it is called. */
    public InputStream newInputStream() throws IOException, MessagingException {
        return new SequenceInputStream(new ByteArrayInputStream(header()), body());
    }

    public void writeTo(OutputStream out) throws IOException, MessagingException {
        try (InputStream octets = newInputStream()) {
            octets.transferTo(out);
        }
    }

    /** The header fields, each line ending in CRLF, then the empty line that ends the header. */
    private byte[] header() throws MessagingException {
        HeaderOctets.Restoration restoration = received.isPresent() ? received.get().restoration() : HeaderOctets.Restoration.NONE;
        ByteArrayOutputStream header = new ByteArrayOutputStream(1024);
        for (Enumeration<String> lines = message.getNonMatchingHeaderLines(omittedFields); lines.hasMoreElements(); ) {
            header.writeBytes(octetsOf(restoration.restore(lines.nextElement())));
            header.writeBytes(CRLF);
        }
        header.writeBytes(CRLF);
        return header.toByteArray();
    }

    static byte[] octetsOf(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) > 0xFF) {
                return line.getBytes(StandardCharsets.UTF_8);
            }
        }
        return line.getBytes(StandardCharsets.ISO_8859_1);
    }

    private InputStream body() throws IOException, MessagingException {
        // The header James puts before the body here may have lost its 8-bit octets, never its line ends, and it has at
        // least one field: its first empty line is its end.
        if (message instanceof MimeMessageWrapper && !((MimeMessageWrapper) message).isBodyModified()
                && message.getAllHeaderLines().hasMoreElements()) {
            InputStream whole = new BufferedInputStream(((MimeMessageWrapper) message).getMessageInputStream(), 8192);
            HeaderBlock.readThrough(whole, OutputStream.nullOutputStream());
            return whole;
        }
        ByteArrayOutputStream changed = new ByteArrayOutputStream();
        MimeMessageUtil.writeMessageBodyTo(message, changed);
        return new ByteArrayInputStream(changed.toByteArray());
    }

}
