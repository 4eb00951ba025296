package dev.pop3x.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A WebAdmin client for tests: requests to James's WebAdmin on 127.0.0.1, answers as status and JSON. */
public final class WebAdmin {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    public WebAdmin(int port) {
        this.port = port;
    }

    /** An answer: its HTTP status and its body as JSON (null when empty). */
    public static final class Answer {
        private final int status;
        private final JsonNode body;

        Answer(int status, JsonNode body) {
            this.status = status;
            this.body = body;
        }

        public int status() {
            return status;
        }

        public JsonNode body() {
            return body;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Answer get(String path) {
        return send(request(path).GET());
    }

    public Answer post(String path) {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Answer post(String path, String body) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Answer delete(String path) {
        return send(request(path).DELETE());
    }

    public Answer put(String path, String body) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** POSTs a task, waits for it to end, and returns what {@code GET /tasks/<id>} says of it. */
    public JsonNode runTask(String path) {
        return awaitTask(path, post(path));
    }

    /** POSTs a task with this body, waits for it to end, and returns what {@code GET /tasks/<id>} says of it. */
    public JsonNode runTask(String path, String body) {
        return awaitTask(path, post(path, body));
    }

    /** POSTs a long task with this body, waits for it to end (up to the timeout), and returns what {@code GET /tasks/<id>} says. */
    public JsonNode runTask(String path, String body, Duration timeout) {
        return awaitTask(path, post(path, body), timeout);
    }

    /** POSTs a task with this body and these headers, waits for it to end, and returns what {@code GET /tasks/<id>} says. */
    public JsonNode runTask(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return awaitTask(path, send(request));
    }

    private JsonNode awaitTask(String path, Answer created) {
        return awaitTask(path, created, Duration.ofSeconds(30));
    }

    private JsonNode awaitTask(String path, Answer created, Duration timeout) {
        if (created.status() != 201) {
            throw new IllegalStateException("POST " + path + " answered " + created);
        }
        Answer done = send(request("/tasks/" + created.body().get("taskId").asText() + "/await?timeout=" + timeout.toSeconds() + "s")
            .timeout(timeout.plusSeconds(30)).GET());
        if (done.status() != 200) {
            throw new IllegalStateException("The task of POST " + path + " did not end: " + done);
        }
        return done.body();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60));
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
