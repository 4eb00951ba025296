package dev.pop3x.protocol.wire;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A reply, or part of one, whose octets are all in memory: pop3x's listener hands them to the connection as they
 * are, in one write and one flush, without the stream machinery a reply of unknown length goes through (for a RETR
 * of a few kilobytes, that machinery cost as much as the rest of the command). Read as a stream, it is what its parts
 * are, one after the other.
 *
 * <p>What must happen once the octets went out (a retrieval recorded, the session's output followed) runs once, when
 * they are written to the connection, or read to their end by whoever streams them.
 */
public final class WholeOctets extends InputStream {
    private final List<byte[]> parts;
    private final List<Runnable> whenSent;
    private final int length;
    private int part;
    private int position;
    private boolean sent;

    private WholeOctets(List<byte[]> parts, List<Runnable> whenSent) {
        this.parts = List.copyOf(parts);
        this.whenSent = List.copyOf(whenSent);
        int total = 0;
        for (byte[] octets : this.parts) {
            total += octets.length;
        }
        this.length = total;
    }

    /** The octets of these arrays, one after the other (the arrays are not copied, and must not change). */
    public static WholeOctets of(byte[]... parts) {
        return new WholeOctets(List.of(parts), List.of());
    }

    /** These octets, then those of {@code next}; what both must do once sent. */
    public WholeOctets followedBy(WholeOctets next) {
        List<byte[]> joined = new ArrayList<>(parts);
        joined.addAll(next.parts);
        List<Runnable> actions = new ArrayList<>(whenSent);
        actions.addAll(next.whenSent);
        return new WholeOctets(joined, actions);
    }

    /** The same octets, and one more thing to do once they are sent. */
    public WholeOctets whenSent(Runnable action) {
        List<Runnable> actions = new ArrayList<>(whenSent);
        actions.add(action);
        return new WholeOctets(parts, actions);
    }

    public List<byte[]> parts() {
        return parts;
    }

    public int length() {
        return length;
    }

    /** The octets went out in full: what waits for it runs, once. */
    public void sent() {
        if (!sent) {
            sent = true;
            whenSent.forEach(Runnable::run);
        }
    }

    @Override
    public int read() {
        while (part < parts.size()) {
            byte[] current = parts.get(part);
            if (position < current.length) {
                return current[position++] & 0xFF;
            }
            part++;
            position = 0;
        }
        sent();
        return -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) {
        if (count == 0) {
            return 0;
        }
        while (part < parts.size()) {
            byte[] current = parts.get(part);
            if (position < current.length) {
                int copied = Math.min(count, current.length - position);
                System.arraycopy(current, position, buffer, offset, copied);
                position += copied;
                return copied;
            }
            part++;
            position = 0;
        }
        sent();
        return -1;
    }

    @Override
    public int available() {
        int left = 0;
        for (int i = part; i < parts.size(); i++) {
            left += parts.get(i).length - (i == part ? position : 0);
        }
        return left;
    }
}
