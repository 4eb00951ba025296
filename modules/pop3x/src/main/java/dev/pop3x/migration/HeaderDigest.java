package dev.pop3x.migration;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.google.common.io.BaseEncoding;

/**
 * A digest of a message's header section that survives what moving mail does to it, so that the previous server's
 * messages (read with {@code TOP n 0}) and their copies here (made by imapsync, a Maildir copy, a delivery) pair up.
 * As Dovecot's {@code pop3-migration} plugin (2.4.4): fields that servers and migration tools add or rewrite are left
 * out ({@code Return-Path}, {@code Status}, {@code X-UIDL}, {@code X-Keywords}...), so are lines that are no
 * {@code name: value} field and names with control or 8-bit characters; CR, spaces and tabs are removed and every run
 * of control, 8-bit and {@code ?} characters counts as one {@code ?} (servers replace 8-bit header bytes differently).
 * Beyond Dovecot's: the fields a delivery adds ({@code Received}, {@code Delivered-To}, {@code X-Original-To}...) and
 * that mail clients write while moving mail ({@code X-Mozilla-Status}...) are left out too, and the order of the
 * fields does not count, since copies may reorder them. The header section ends at its blank line, or at a line of
 * CRs alone (where some servers end it).
 */
public final class HeaderDigest {
    /** Lower case; Dovecot's {@code hdr_hash_skip_headers}, then the fields deliveries and clients add. */
    static final Set<String> LEFT_OUT = Set.of(
        "content-length", "return-path", "status", "x-imap", "x-imapbase", "x-keywords", "x-message-flag", "x-status", "x-uid",
        "x-uidl", "x-yahoo-newman-property",
        "received", "delivered-to", "x-original-to", "x-delivered-to", "envelope-to", "x-envelope-to", "x-envelope-from",
        "x-mozilla-status", "x-mozilla-status2", "x-mozilla-keys", "lines");

    private HeaderDigest() {
    }

    /** The digest, in lower-case hex, of the header section at the start of the stream (a whole message will do). */
    public static String of(InputStream unbuffered) throws IOException {
        InputStream message = new BufferedInputStream(unbuffered);
        List<String> fields = new ArrayList<>();
        StringBuilder field = null;
        for (byte[] line = line(message); line != null && !endsHeader(line); line = line(message)) {
            boolean continuation = line[0] == ' ' || line[0] == '\t';
            if (continuation) {
                if (field != null) {
                    field.append(new String(line, StandardCharsets.ISO_8859_1));
                }
                continue;
            }
            if (field != null) {
                fields.add(normalized(field));
            }
            field = kept(line) ? new StringBuilder(new String(line, StandardCharsets.ISO_8859_1)) : null;
        }
        if (field != null) {
            fields.add(normalized(field));
        }
        Collections.sort(fields);
        MessageDigest digest = sha256();
        for (String each : fields) {
            digest.update(each.getBytes(StandardCharsets.ISO_8859_1));
            digest.update((byte) '\n');
        }
        return BaseEncoding.base16().lowerCase().encode(digest.digest());
    }

    /** A {@code name: value} field whose name has only printable ASCII and is not left out. */
    private static boolean kept(byte[] line) {
        int colon = -1;
        for (int i = 0; i < line.length; i++) {
            if (line[i] == ':') {
                colon = i;
                break;
            }
        }
        if (colon <= 0) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            if ((line[i] & 0xff) <= 0x20 || (line[i] & 0xff) >= 0x7f) {
                return false;
            }
        }
        return !LEFT_OUT.contains(new String(line, 0, colon, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT));
    }

    /** The name in lower case; in the value, no spaces, tabs or CRs, and each run of control, 8-bit or '?' as one '?'. */
    private static String normalized(StringBuilder field) {
        int colon = field.indexOf(":");
        StringBuilder normalized = new StringBuilder(field.substring(0, colon).toLowerCase(Locale.ROOT)).append(':');
        boolean previousWasQuestionMark = false;
        for (int i = colon + 1; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                continue;
            }
            boolean questionMark = c < 0x20 || c >= 0x7f || c == '?';
            if (!questionMark) {
                normalized.append(c);
            } else if (!previousWasQuestionMark) {
                normalized.append('?');
            }
            previousWasQuestionMark = questionMark;
        }
        return normalized.toString();
    }

    /** An empty line (its CRs aside) ends the header section. */
    private static boolean endsHeader(byte[] line) {
        for (byte b : line) {
            if (b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** The next line without its LF (CRs kept), or null at the end. */
    private static byte[] line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b = in.read();
        if (b == -1) {
            return null;
        }
        while (b != -1 && b != '\n') {
            line.write(b);
            b = in.read();
        }
        return line.toByteArray();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
