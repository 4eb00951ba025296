package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.apache.james.jmap.draft.JmapGuiceProbe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A user's JMAP (RFC 8621) client on a James started by {@link JamesServers#withJmap}: what a webmail or phone
 * sees of the mailbox pop3x serves.
 */
final class JmapClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunningJames server;
    private final String user;
    private final String password;

    JmapClient(RunningJames server, String user, String password) {
        this.server = server;
        this.user = user;
        this.password = password;
    }

    /** The emails of the account, each as the property asked for, in Email/query's order. */
    List<String> emails(String property) {
        JsonNode responses = call("[[\"Email/query\", {\"accountId\": \"" + accountId() + "\"}, \"q\"],"
            + " [\"Email/get\", {\"accountId\": \"" + accountId() + "\", \"#ids\": {\"resultOf\": \"q\", \"name\": \"Email/query\","
            + " \"path\": \"/ids\"}, \"properties\": [\"" + property + "\"]}, \"g\"]]");
        JsonNode get = responses.get(1);
        assertThat(get.get(0).asText()).as(responses.toString()).isEqualTo("Email/get");
        List<String> values = new ArrayList<>();
        get.get(1).get("list").forEach(email -> values.add(email.get(property).asText()));
        return values;
    }

    /** The mailbox with this role ({@code inbox}, ...) or name. */
    JsonNode mailbox(String roleOrName) {
        JsonNode responses = call("[[\"Mailbox/get\", {\"accountId\": \"" + accountId() + "\", \"properties\": [\"id\", \"name\", \"role\", \"totalEmails\"]}, \"m\"]]");
        for (JsonNode mailbox : responses.get(0).get(1).get("list")) {
            if (roleOrName.equals(mailbox.get("role").asText()) || roleOrName.equals(mailbox.get("name").asText())) {
                return mailbox;
            }
        }
        throw new AssertionError("No mailbox " + roleOrName + " in " + responses);
    }

    String accountId() {
        JsonNode session = send(request("/jmap/session").GET());
        return session.get("primaryAccounts").get("urn:ietf:params:jmap:mail").asText();
    }

    /** The method responses to these method calls (a JSON array of invocations). */
    JsonNode call(String methodCalls) {
        String body = "{\"using\": [\"urn:ietf:params:jmap:core\", \"urn:ietf:params:jmap:mail\"], \"methodCalls\": " + methodCalls + "}";
        return send(request("/jmap").POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")).get("methodResponses");
    }

    private HttpRequest.Builder request(String path) {
        int port = server.server().getProbe(JmapGuiceProbe.class).getJmapPort().getValue();
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
            .header("Accept", "application/json; jmapVersion=rfc-8621")
            .timeout(Duration.ofSeconds(30));
    }

    private static JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
