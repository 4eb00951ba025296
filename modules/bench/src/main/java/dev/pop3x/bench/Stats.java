package dev.pop3x.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Several measurements of one figure: min, median, max. */
final class Stats {
    private final List<Double> values = new ArrayList<>();

    void add(double value) {
        values.add(value);
    }

    double median() {
        List<Double> sorted = sorted();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    double min() {
        return sorted().get(0);
    }

    double max() {
        return sorted().get(values.size() - 1);
    }

    private List<Double> sorted() {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }

    String format(String unit, int decimals) {
        String pattern = "%." + decimals + "f";
        return String.format(pattern + " %s (%s..%s)", median(), unit, String.format(pattern, min()), String.format(pattern, max()));
    }
}
