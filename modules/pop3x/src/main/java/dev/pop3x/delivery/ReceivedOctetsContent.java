package dev.pop3x.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import javax.mail.MessagingException;

import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.model.Content;

/**
 * A message's {@link ReceivedOctets} as the content James's mailbox appends: streamed each time it is read (James
 * reads it twice, to parse and to store), its size counted once from the stream, so that nothing holds the message.
 */
public final class ReceivedOctetsContent implements Content {
    private final ReceivedOctets octets;
    private long size = -1;

    public ReceivedOctetsContent(ReceivedOctets octets) {
        this.octets = octets;
    }

    @Override
    public InputStream getInputStream() throws IOException {
        try {
            return octets.newInputStream();
        } catch (MessagingException e) {
            throw new IOException("Cannot read the message", e);
        }
    }

    @Override
    public synchronized long size() throws MailboxException {
        if (size < 0) {
            try (InputStream in = getInputStream()) {
                size = in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new MailboxException("Cannot count the octets of the message", e);
            }
        }
        return size;
    }
}
