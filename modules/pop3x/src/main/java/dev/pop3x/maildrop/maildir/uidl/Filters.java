package dev.pop3x.maildrop.maildir.uidl;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import com.google.common.io.BaseEncoding;

/**
 * The filters of Dovecot 2.4's {@code var_expand} that {@link VarExpandTemplate} takes, as {@code expansion-filter.c}
 * of 2.4.4 computes them: on bytes, which a digest makes binary (printed in lower-case hex at the end, as Dovecot
 * does), and other filters keep so.
 */
final class Filters {
    static final int MAX_PADDING = 256;

    private static final BigInteger UINTMAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private Filters() {
    }

    /** What passes from filter to filter: bytes, and whether a digest made them binary. */
    static final class Value {
        private final byte[] bytes;
        private final boolean binary;

        private Value(byte[] bytes, boolean binary) {
            this.bytes = bytes;
            this.binary = binary;
        }

        static Value text(byte[] bytes) {
            return new Value(bytes, false);
        }

        Value with(byte[] changed) {
            return new Value(changed, binary);
        }

        String string() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        /** The expansion's output: binary bytes in lower-case hex. */
        String result() {
            return binary ? BaseEncoding.base16().lowerCase().encode(bytes) : string();
        }
    }

    /** {@code hex(width)}: a decimal number in lower-case hex, padded with zeros or cut to the width (from the left when negative). */
    static Value hex(Value value, int width) {
        String decimal = value.string();
        if (decimal.isEmpty() || !decimal.chars().allMatch(c -> c >= '0' && c <= '9') || new BigInteger(decimal).compareTo(UINTMAX) > 0) {
            throw new IllegalStateException("hex: Input is not a number: '" + decimal + "'");
        }
        StringBuilder hex = new StringBuilder(new BigInteger(decimal).toString(16));
        if (width < 0) {
            while (hex.length() < -width) {
                hex.append('0');
            }
            hex.setLength(-width);
        } else if (width > 0) {
            while (hex.length() < width) {
                hex.insert(0, '0');
            }
            hex.delete(0, hex.length() - width);
        }
        return value.with(hex.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code upper}: ASCII letters only, byte by byte, as Dovecot's {@code str_ucase}. */
    static Value upper(Value value) {
        byte[] changed = value.bytes.clone();
        for (int i = 0; i < changed.length; i++) {
            if (changed[i] >= 'a' && changed[i] <= 'z') {
                changed[i] -= 'a' - 'A';
            }
        }
        return value.with(changed);
    }

    /** {@code lower}: ASCII letters only, byte by byte, as Dovecot's {@code str_lcase}. */
    static Value lower(Value value) {
        byte[] changed = value.bytes.clone();
        for (int i = 0; i < changed.length; i++) {
            if (changed[i] >= 'A' && changed[i] <= 'Z') {
                changed[i] += 'a' - 'A';
            }
        }
        return value.with(changed);
    }

    static Value reverse(Value value) {
        byte[] reversed = new byte[value.bytes.length];
        for (int i = 0; i < reversed.length; i++) {
            reversed[i] = value.bytes[value.bytes.length - 1 - i];
        }
        return value.with(reversed);
    }

    /** {@code md5}, {@code sha1}...: the binary digest. */
    static Value digest(Value value, String algorithm) {
        String name = algorithm.equals("md5") ? "MD5" : "SHA-" + algorithm.substring(3);
        try {
            return new Value(MessageDigest.getInstance(name).digest(value.bytes), true);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + name, e);
        }
    }

    /** {@code hexlify(width)}: the bytes in lower-case hex, padded with zeros on the left or cut to the width. */
    static Value hexlify(Value value, int width) {
        String hex = BaseEncoding.base16().lowerCase().encode(value.bytes);
        if (width > 0 && hex.length() < width) {
            if (width - hex.length() > MAX_PADDING) {
                throw new IllegalStateException("hexlify: Excessive padding");
            }
            hex = "0".repeat(width - hex.length()) + hex;
        } else if (width > 0) {
            hex = hex.substring(0, width);
        }
        return Value.text(hex.getBytes(StandardCharsets.US_ASCII));
    }

    static Value truncate(Value value, long length) {
        return length < value.bytes.length ? value.with(Arrays.copyOf(value.bytes, (int) length)) : value;
    }

    /** {@code substr(offset[, length])}, with Dovecot's negative offsets and lengths and its bounds. */
    static Value substr(Value value, long offsetGiven, Long lengthGiven) {
        long used = value.bytes.length;
        long offset = offsetGiven;
        long length = lengthGiven == null ? used : lengthGiven;
        if (offset < -used || offset > used) {
            throw new IllegalStateException("substr: Offset out of bounds");
        }
        if (length < -used || length > used) {
            throw new IllegalStateException("substr: Length out of bounds");
        }
        if (length == 0) {
            return value.with(new byte[0]);
        }
        if (offset < 0) {
            offset = used + offset;
        }
        if (lengthGiven == null) {
            length = used - offset;
        } else if (length < 0) {
            length = used + length;
            if (length < offset) {
                throw new IllegalStateException("substr: Length out of bounds");
            }
            length -= offset;
        }
        if (length < 0 || length + offset > used) {
            throw new IllegalStateException("substr: Length out of bounds");
        }
        return value.with(Arrays.copyOfRange(value.bytes, (int) offset, (int) (offset + length)));
    }

    /** {@code lfill(amount)}, {@code rfill(amount)}: zeros on the left or right up to the amount. */
    static Value fill(Value value, long amount, boolean left) {
        if (amount < 1) {
            throw new IllegalStateException("fill: Missing amount");
        }
        int zeros = (int) Math.max(0, amount - value.bytes.length);
        byte[] filled = new byte[value.bytes.length + zeros];
        Arrays.fill(filled, (byte) '0');
        System.arraycopy(value.bytes, 0, filled, left ? zeros : 0, value.bytes.length);
        return value.with(filled);
    }
}
