package dev.pop3x.bench;

import java.io.PrintStream;
import java.util.List;

/** The side-by-side table: each figure's median [min..max] per server, the server's CPU, and pop3x's ratios. */
final class Report {
    private static final String DOVECOT = "Dovecot 2.3";
    private static final String STOCK = "stock James";

    private Report() {
    }

    static void print(PrintStream out, List<Target> targets, List<Figure> figures, Stats loopbackCeiling) {
        out.println();
        out.printf("%-40s", "figure (median [min..max]), server CPU");
        for (Target target : targets) {
            out.printf(" | %-26s", target.name());
        }
        out.println();
        out.println("-".repeat(40 + targets.size() * 29));
        for (Figure figure : figures) {
            out.printf("%-40s", figure.name() + ", " + figure.unit());
            for (Target target : targets) {
                out.printf(" | %-26s", cell(figure.value(target.name())));
            }
            out.println();
            out.printf("%-40s", "  server CPU, s" + (figure.unit().equals("ms/session") ? "/session" : " per run"));
            for (Target target : targets) {
                Stats cpu = figure.cpu(target.name());
                out.printf(" | %-26s", cpu == null ? "-" : String.format("%.3f", cpu.median()));
            }
            out.println();
        }
        out.println();
        out.printf("%-40s | %-32s | %-32s%n", "ratios (above 1: pop3x better)", "pop3x maildir vs Dovecot / stock", "pop3x james vs Dovecot / stock");
        for (Figure figure : figures) {
            out.printf("%-40s | %-32s | %-32s%n", figure.name(),
                ratio(figure.ratio("pop3x maildir", DOVECOT)) + " / " + ratio(figure.ratio("pop3x maildir", STOCK)),
                ratio(figure.ratio("pop3x james", DOVECOT)) + " / " + ratio(figure.ratio("pop3x james", STOCK)));
        }
        for (Target target : targets) {
            for (Figure figure : figures) {
                if (target.ports().size() > 1 && figure.value(target.name()) != null) {
                    out.printf("%-40s | %s vs one node (pop3x maildir): %s%n", figure.name(), target.name(),
                        ratio(figure.ratio(target.name(), "pop3x maildir")));
                }
            }
        }
        if (loopbackCeiling != null) {
            out.println();
            out.printf("loopback ceiling (W1's RETR octets through one local socket, same client): %s%n", cell(loopbackCeiling) + " MB/s");
            for (Figure figure : figures) {
                if (figure.unit().equals("MB/s")) {
                    out.printf("  %-38s", figure.name());
                    for (Target target : targets) {
                        Stats value = figure.value(target.name());
                        // a column that did not measure this figure (the two-node W2 has no MB/s)
                        out.printf(" | %s %s", target.name(), value == null ? "-" : String.format("%.0f%%", 100 * value.median() / loopbackCeiling.median()));
                    }
                    out.println();
                }
            }
        }
    }

    private static String ratio(double ratio) {
        return Double.isNaN(ratio) ? "-" : String.format("%.2fx", ratio);
    }

    private static String cell(Stats stats) {
        if (stats == null) {
            return "-";
        }
        int decimals = stats.median() < 10 ? 2 : (stats.median() < 100 ? 1 : 0);
        String pattern = "%." + decimals + "f";
        return String.format(pattern + " [" + pattern + ".." + pattern + "]", stats.median(), stats.min(), stats.max());
    }
}
