package dev.pop3x.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Debian's Prometheus ({@code /usr/bin/prometheus}), run for a test on 127.0.0.1 with a configuration of its own:
 * it scrapes one target's {@code /metrics} every second, keeps its data in a directory of the test, and is stopped
 * (SIGTERM) when closed.
 */
final class PrivatePrometheus implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrivatePrometheus(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts Prometheus in {@code dir}, scraping {@code 127.0.0.1:targetPort/metrics} every second; waits until it is ready. */
    static PrivatePrometheus scraping(Path dir, int targetPort) {
        try {
            Path config = dir.resolve("prometheus.yml");
            Files.writeString(config, String.join("\n",
                "global:",
                "  scrape_interval: 1s",
                "  evaluation_interval: 1s",
                "scrape_configs:",
                "  - job_name: james",
                "    metrics_path: /metrics",
                "    static_configs:",
                "      - targets: ['127.0.0.1:" + targetPort + "']",
                ""));
            int port = freePort();
            Path log = dir.resolve("prometheus.log");
            Process process = new ProcessBuilder("prometheus",
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
            PrivatePrometheus prometheus = new PrivatePrometheus(process, log, port);
            Eventually.until(START_TIMEOUT, "Prometheus ready on 127.0.0.1:" + port, prometheus::isReady);
            return prometheus;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start prometheus (Debian's package prometheus; ./verify installs it)", e);
        }
    }

    /** The answer of the HTTP query API to an instant query: {@code data.result}, an array of series. */
    JsonNode query(String expression) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
            + URLEncoder.encode(expression, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new IllegalStateException("Prometheus refused " + expression + ": " + response.statusCode() + " " + response.body());
        }
        return body.path("data").path("result");
    }

    /** Whether the last scrape of the target succeeded ({@code up == 1}). */
    boolean scrapesTarget() throws IOException, InterruptedException {
        JsonNode up = query("up");
        return up.size() == 1 && "1".equals(up.get(0).path("value").get(1).asText());
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean isReady() {
        if (!process.isAlive()) {
            throw new IllegalStateException("prometheus exited: " + log());
        }
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready")).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
