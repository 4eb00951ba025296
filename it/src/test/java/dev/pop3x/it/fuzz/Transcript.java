package dev.pop3x.it.fuzz;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The end of what one fuzzed session exchanged, as {@code C: } and {@code S: } lines, for the message of a finding:
 * with it a finding reads without replaying the input. Long lines and long sessions are cut.
 */
final class Transcript {
    private static final int MAX_LINES = 80;
    private static final int MAX_LINE_CHARS = 200;

    private final Deque<String> lines = new ArrayDeque<>();
    private int dropped;

    void client(String line) {
        add("C: " + line);
    }

    void server(String line) {
        add("S: " + line);
    }

    Transcript note(String text) {
        add("   (" + text + ")");
        return this;
    }

    private void add(String line) {
        lines.addLast(printable(line));
        if (lines.size() > MAX_LINES) {
            lines.removeFirst();
            dropped++;
        }
    }

    /** Control characters and non-ASCII as {@code \\uXXXX}, cut at {@value #MAX_LINE_CHARS} characters. */
    private static String printable(String line) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < line.length() && text.length() < MAX_LINE_CHARS; i++) {
            char c = line.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                text.append(c);
            } else {
                text.append(String.format("\\u%04x", (int) c));
            }
        }
        return text.length() >= MAX_LINE_CHARS ? text + "..." : text.toString();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        if (dropped > 0) {
            text.append("  ... ").append(dropped).append(" earlier lines\n");
        }
        for (String line : lines) {
            text.append("  ").append(line).append('\n');
        }
        return text.toString();
    }
}
