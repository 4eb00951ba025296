package dev.pop3x.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** One line of the table: a figure measured on every target, several times, with the CPU each run cost the server. */
final class Figure {
    private final String name;
    private final String unit;
    private final boolean higherIsBetter;
    private final Map<String, Stats> values = new LinkedHashMap<>();
    private final Map<String, Stats> cpuSeconds = new LinkedHashMap<>();

    Figure(String name, String unit, boolean higherIsBetter) {
        this.name = name;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
    }

    void add(Target target, double value, double cpu) {
        values.computeIfAbsent(target.name(), key -> new Stats()).add(value);
        if (!Double.isNaN(cpu)) {
            cpuSeconds.computeIfAbsent(target.name(), key -> new Stats()).add(cpu);
        }
    }

    String name() {
        return name;
    }

    String unit() {
        return unit;
    }

    boolean higherIsBetter() {
        return higherIsBetter;
    }

    Stats value(String target) {
        return values.get(target);
    }

    Stats cpu(String target) {
        return cpuSeconds.get(target);
    }

    /** How many times better {@code target} is than {@code reference} on the medians (above 1: better). */
    double ratio(String target, String reference) {
        Stats mine = values.get(target);
        Stats theirs = values.get(reference);
        if (mine == null || theirs == null) {
            return Double.NaN;
        }
        return higherIsBetter ? mine.median() / theirs.median() : theirs.median() / mine.median();
    }
}
