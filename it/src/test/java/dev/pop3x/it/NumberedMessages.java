package dev.pop3x.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Messages whose body is a pure function of their number and size, named in their Subject: whoever retrieves one
 * tells from it alone whether it arrived whole and unchanged, whatever headers the servers added on the way. The
 * body holds lines that start with a dot, so that dot-stuffing is exercised too.
 */
final class NumberedMessages {
    private static final Pattern SUBJECT = Pattern.compile("(?m)^Subject: numbered (\\d+) of (\\d+) octets\r?$");
    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();
    private static final int LINE = 76;

    private NumberedMessages() {
    }

    /** The whole message, CRLF line ends. */
    static String message(String from, String to, long number, int bodyOctets) {
        StringBuilder text = new StringBuilder(headers(from, to, number, bodyOctets));
        try {
            writeBody(number, bodyOctets, new StringWriter() {
                @Override
                public void write(String chunk) {
                    text.append(chunk);
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }

    static String headers(String from, String to, long number, long bodyOctets) {
        return "From: " + from + "\r\nTo: " + to + "\r\nSubject: numbered " + number + " of " + bodyOctets + " octets\r\n"
            + "Message-ID: <numbered." + number + "@pop3x.test>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n\r\n";
    }

    /** Writes the body: lines of 76 characters (every 20th starts with a dot), CRLF ends, {@code bodyOctets} in all. */
    static void writeBody(long number, long bodyOctets, Writer out) throws IOException {
        SplittableRandom random = new SplittableRandom(number);
        char[] line = new char[LINE + 2];
        long written = 0;
        for (int index = 0; written < bodyOctets; index++) {
            int length = (int) Math.min(LINE, bodyOctets - written - 2);
            if (length < 0) {
                break;
            }
            for (int i = 0; i < length; i++) {
                line[i] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            if (index % 20 == 0 && length > 0) {
                line[0] = '.';
            }
            line[length] = '\r';
            line[length + 1] = '\n';
            out.write(new String(line, 0, length + 2));
            written += length + 2;
        }
    }

    /** The number of a retrieved message, from its Subject. */
    static Optional<Long> numberOf(byte[] retrieved) {
        Matcher subject = SUBJECT.matcher(new String(retrieved, 0, Math.min(retrieved.length, 8192), StandardCharsets.US_ASCII));
        return subject.find() ? Optional.of(Long.parseLong(subject.group(1))) : Optional.empty();
    }

    /** True when the retrieved message's body is exactly the one its Subject names. */
    static boolean intact(byte[] retrieved) {
        String text = new String(retrieved, StandardCharsets.US_ASCII);
        Matcher subject = SUBJECT.matcher(text);
        int bodyStart = text.indexOf("\r\n\r\n");
        if (!subject.find() || bodyStart < 0) {
            return false;
        }
        long number = Long.parseLong(subject.group(1));
        int octets = Integer.parseInt(subject.group(2));
        StringBuilder expected = new StringBuilder(octets);
        try {
            writeBody(number, octets, new StringWriter() {
                @Override
                public void write(String chunk) {
                    expected.append(chunk);
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return text.substring(bodyStart + 4).contentEquals(expected);
    }

    /** The SHA-256 of a body, computed as it is generated: for messages too big to hold twice. */
    static byte[] bodyDigest(long number, long bodyOctets) {
        MessageDigest digest = sha256();
        try {
            writeBody(number, bodyOctets, new Writer() {
                @Override
                public void write(char[] chars, int offset, int length) {
                    digest.update(new String(chars, offset, length).getBytes(StandardCharsets.US_ASCII));
                }

                @Override
                public void write(String chunk) {
                    digest.update(chunk.getBytes(StandardCharsets.US_ASCII));
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return digest.digest();
    }

    /** A sink for {@link MaildropClient#retr(int, OutputStream)} that digests what follows the header block. */
    static final class BodyDigest extends OutputStream {
        private final MessageDigest digest = sha256();
        private final byte[] window = new byte[4];
        private boolean inBody;

        @Override
        public void write(int b) {
            if (inBody) {
                digest.update((byte) b);
                return;
            }
            System.arraycopy(window, 1, window, 0, 3);
            window[3] = (byte) b;
            inBody = Arrays.equals(window, new byte[] {'\r', '\n', '\r', '\n'});
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            if (inBody) {
                digest.update(bytes, offset, length);
                return;
            }
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }

        byte[] digest() {
            return digest.digest();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
