package dev.pop3x.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pop3x's store-call counters ({@code pop3x-store-*}, see {@code StoreCalls}) read from James's WebAdmin
 * {@code /metrics}: what the sessions of a workload cost the storage, by kind.
 */
final class StoreCallsMeter {
    private static final Pattern COUNTER = Pattern.compile("^pop3x_store_([a-z]+_[a-z]+?)(?:_total)?\\s+([0-9.eE+-]+)$", Pattern.MULTILINE);

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI metrics;

    StoreCallsMeter(int webAdminPort) {
        this.metrics = URI.create("http://127.0.0.1:" + webAdminPort + "/metrics");
    }

    /** The counters now, by kind ({@code mailbox_reads}...). */
    Map<String, Long> read() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + metrics + ": " + response.statusCode());
        }
        Map<String, Long> counters = new TreeMap<>();
        Matcher matcher = COUNTER.matcher(response.body());
        while (matcher.find()) {
            counters.put(matcher.group(1), (long) Double.parseDouble(matcher.group(2)));
        }
        return counters;
    }

    /**
     * The counters once the background work of what just happened is done (retrievals recorded, messages read ahead):
     * read until two readings 100 ms apart agree.
     */
    Map<String, Long> settled() throws IOException, InterruptedException {
        Map<String, Long> last = read();
        for (int i = 0; i < 20; i++) {
            Thread.sleep(100);
            Map<String, Long> now = read();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    /** What happened between two readings, by kind, leaving out the kinds that did not move. */
    static Map<String, Long> between(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> moved = new TreeMap<>();
        after.forEach((kind, count) -> {
            long delta = count - before.getOrDefault(kind, 0L);
            if (delta != 0) {
                moved.put(kind, delta);
            }
        });
        return moved;
    }
}
