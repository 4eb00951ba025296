package dev.pop3x.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;

import org.apache.james.protocols.api.ProtocolSession.AttachmentKey;
import org.apache.james.protocols.api.ProtocolSession.State;
import org.apache.james.protocols.pop3.POP3Session;

/**
 * The credentials that failed in one connection, as digests (never the passwords themselves): a client that tries
 * the same wrong password again by another mechanism (Thunderbird tries AUTH PLAIN, then AUTH LOGIN, then
 * USER/PASS) is refused at once, and the brake counts the credential once. Only the last {@value #KEPT} are kept.
 * Touched only on the connection's event loop.
 */
final class FailedCredentials {
    static final int KEPT = 8;
    private static final AttachmentKey<FailedCredentials> KEY = AttachmentKey.of("pop3x.failed-credentials", FailedCredentials.class);

    private final Deque<byte[]> digests = new ArrayDeque<>();

    private FailedCredentials() {
    }

    static FailedCredentials of(POP3Session james) {
        return james.getAttachment(KEY, State.Connection).orElseGet(() -> {
            FailedCredentials created = new FailedCredentials();
            james.setAttachment(KEY, created, State.Connection);
            return created;
        });
    }

    boolean contains(String user, String password) {
        byte[] digest = digest(user, password);
        return digests.stream().anyMatch(known -> MessageDigest.isEqual(known, digest));
    }

    void add(String user, String password) {
        if (digests.size() >= KEPT) {
            digests.removeFirst();
        }
        digests.addLast(digest(user, password));
    }

    /** The user as the brake names it (case and surrounding spaces do not make another credential). */
    private static byte[] digest(String user, String password) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(user.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            byte[] secret = password.getBytes(StandardCharsets.UTF_8);
            byte[] digest = sha256.digest(secret);
            Arrays.fill(secret, (byte) 0);
            return digest;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
