package dev.pop3x.it;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.commons.net.smtp.SMTPClient;
import org.apache.commons.net.smtp.SMTPReply;

/** Delivers messages to James over SMTP, the way mail reaches a maildrop in production. */
public final class SmtpDelivery {
    private final int port;

    public SmtpDelivery(int port) {
        this.port = port;
    }

    /**
     * @param message an RFC 5322 message with CRLF line ends; SMTP dot-stuffing is done here
     */
    public void deliver(String from, String to, String message) {
        deliverStreamed(from, to, out -> out.write(message));
    }

    /** Writes a message (CRLF line ends) to a stream; dot-stuffing is done by the stream. */
    @FunctionalInterface
    public interface MessageWriter {
        void writeTo(Writer out) throws IOException;
    }

    /**
     * Delivers a message's octets exactly as given, 8-bit ones included, declared {@code BODY=8BITMIME} after EHLO,
     * as a mail client sends mail with raw UTF-8 or legacy 8-bit header fields.
     *
     * @param message CRLF line ends; SMTP dot-stuffing is done here
     */
    public void deliverOctets(String from, String to, byte[] message) {
        send(new SMTPClient(StandardCharsets.ISO_8859_1.name()), true, from, to,
            out -> out.write(new String(message, StandardCharsets.ISO_8859_1)));
    }

    /** Delivers a message written as it is sent: one too big to hold as a String too. */
    public void deliverStreamed(String from, String to, MessageWriter message) {
        send(new SMTPClient("UTF-8"), false, from, to, message);
    }

    /** One SMTP session: HELO, or EHLO and {@code BODY=8BITMIME}; then the envelope and the message. */
    private void send(SMTPClient client, boolean eightBit, String from, String to, MessageWriter message) {
        try {
            client.connect("127.0.0.1", port);
            check(client, "connect");
            if (eightBit) {
                client.sendCommand("EHLO", "pop3x-tests.local");
                check(client, "EHLO");
                client.mail("<" + from + "> BODY=8BITMIME");
            } else {
                client.helo("pop3x-tests.local");
                check(client, "HELO");
                client.setSender(from);
            }
            check(client, "MAIL FROM");
            client.addRecipient(to);
            check(client, "RCPT TO");
            Writer data = client.sendMessageData();
            if (data == null) {
                throw new IllegalStateException("DATA refused: " + client.getReplyString());
            }
            try (Writer out = new BufferedWriter(data, 64 * 1024)) {
                message.writeTo(out);
            }
            if (!client.completePendingCommand()) {
                throw new IllegalStateException("Message refused: " + client.getReplyString());
            }
            client.logout();
        } catch (IOException e) {
            throw new UncheckedIOException("SMTP delivery to " + to + " on 127.0.0.1:" + port + " failed", e);
        } finally {
            try {
                client.disconnect();
            } catch (IOException ignored) {
                // already disconnected
            }
        }
    }

    private static void check(SMTPClient client, String step) {
        if (!SMTPReply.isPositiveCompletion(client.getReplyCode())) {
            throw new IllegalStateException(step + " refused: " + client.getReplyString());
        }
    }
}
