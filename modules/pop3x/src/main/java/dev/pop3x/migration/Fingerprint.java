package dev.pop3x.migration;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import com.google.common.io.BaseEncoding;

import dev.pop3x.maildrop.MaildropMessage;

/** What an import knows of a message here: its size as RETR sends it, its Message-ID and its digest, as needed. */
final class Fingerprint {
    private final MaildropMessage message;
    private final Optional<String> messageId;
    private final Optional<String> sha256;
    private final Optional<String> headerDigest;

    Fingerprint(MaildropMessage message, Optional<String> messageId, Optional<String> sha256) {
        this(message, messageId, sha256, Optional.empty());
    }

    Fingerprint(MaildropMessage message, Optional<String> messageId, Optional<String> sha256, Optional<String> headerDigest) {
        this.message = Objects.requireNonNull(message);
        this.messageId = messageId;
        this.sha256 = sha256;
        this.headerDigest = headerDigest;
    }

    MaildropMessage message() {
        return message;
    }

    /** The keys an entry may find this message by: its digest, its Message-ID with its size, its header digest. */
    List<String> keys() {
        List<String> keys = new ArrayList<>(3);
        sha256.ifPresent(digest -> keys.add("sha256 " + digest));
        headerDigest.ifPresent(digest -> keys.add("headers " + digest));
        messageId.ifPresent(id -> keys.add("message-id " + message.octets() + " " + id));
        return keys;
    }

    /** The key of the message the entry names: {@link #keys()} has it when this is that message. */
    static String keyOf(UidlMapEntry entry) {
        return entry.sha256().map(digest -> "sha256 " + digest)
            .or(() -> entry.headerDigest().map(digest -> "headers " + digest))
            .orElseGet(() -> "message-id " + entry.octets().getAsLong() + " " + entry.messageId().orElseThrow());
    }

    /**
     * The SHA-256, in lower-case hex, of the message as RETR sends it: each LF not preceded by CR counts as CRLF
     * (a Maildir file has LF line ends), before byte-stuffing.
     */
    static String sha256WithCrlfLineEnds(InputStream message) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        byte[] buffer = new byte[64 * 1024];
        byte previous = 0;
        for (int read = message.read(buffer); read != -1; read = message.read(buffer)) {
            int from = 0;
            for (int i = 0; i < read; i++) {
                byte before = i == 0 ? previous : buffer[i - 1];
                if (buffer[i] == '\n' && before != '\r') {
                    digest.update(buffer, from, i - from);
                    digest.update((byte) '\r');
                    from = i;
                }
            }
            digest.update(buffer, from, read - from);
            if (read > 0) {
                previous = buffer[read - 1];
            }
        }
        return BaseEncoding.base16().lowerCase().encode(digest.digest());
    }
}
