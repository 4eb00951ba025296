package dev.pop3x.stores;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How long each kind of maildrop call took, in milliseconds, over many sessions (shared by concurrent sessions). */
final class CallTimes {
    private final Map<String, List<Double>> millis = new TreeMap<>();

    synchronized void add(String call, long nanos) {
        millis.computeIfAbsent(call, name -> new ArrayList<>()).add(nanos / 1e6);
    }

    /** Each call's median, 99th percentile and maximum, and how many were made. */
    synchronized String summary() {
        StringBuilder text = new StringBuilder();
        millis.forEach((call, values) -> {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            text.append(String.format("%s %.1f/%.1f/%.1f ms (%d)  ", call, sorted.get(sorted.size() / 2),
                sorted.get(Math.min(sorted.size() - 1, sorted.size() * 99 / 100)), sorted.get(sorted.size() - 1), sorted.size()));
        });
        return text.toString().strip();
    }
}
