package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.apache.james.JamesServerExtension;
import org.apache.james.jmap.draft.JmapGuiceProbe;
import org.apache.james.utils.UpdatableTickingClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The deletion policy seen from another protocol: the same mailbox watched through James's JMAP (RFC 8621), started
 * as James's own JMAP tests start it. Mail the policy expired is gone for JMAP clients too, mail it kept is still
 * there: the policy deletes through James's mailbox API, like any client.
 */
class JmapObservationIT {
    private static final String USER = "watched@pop3x.local";
    private static final String PASSWORD = "secret";
    private static final UpdatableTickingClock CLOCK = new UpdatableTickingClock(Instant.parse("2026-11-26T10:00:00Z"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static JamesServerExtension james = JamesServers.withJmap(home -> home.edit("pop3x.properties", properties -> properties
            .replace("policy.sweep-interval=1h", "policy.sweep-interval=0s")
            + "expire.days[" + USER + "]=30\n"))
        .overrideServerModule(binder -> binder.bind(Clock.class).toInstance(CLOCK))
        .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
        .build();

    private static RunningJames server;

    @BeforeAll
    static void user() {
        server = new RunningJames(james.getGuiceJamesServer()).addUser(USER, PASSWORD);
    }

    @Test
    void mailThePolicyExpiredIsGoneForJmapClientsAndMailItKeptIsStillThere() {
        for (String subject : List.of("retrieved 31 days ago", "retrieved 11 days ago", "never retrieved")) {
            server.deliver(USER, Messages.text("sender@pop3x.local", USER, subject, "Body of " + subject + ".\n"));
        }
        retrieve(1);
        CLOCK.setInstant(CLOCK.instant().plus(Duration.ofDays(20)));
        retrieve(2);
        CLOCK.setInstant(CLOCK.instant().plus(Duration.ofDays(11)));
        assertThat(jmapSubjects()).containsExactlyInAnyOrder("retrieved 31 days ago", "retrieved 11 days ago", "never retrieved");

        try (Pop3LineClient pop = server.pop3()) {
            pop.login(USER, PASSWORD);
            assertThat(pop.command("QUIT")).isEqualTo("+OK Apache James POP3 Server signing off.");
        }

        assertThat(jmapSubjects()).containsExactlyInAnyOrder("retrieved 11 days ago", "never retrieved");
        assertThat(jmapInboxTotal()).isEqualTo(2);
    }

    private static void retrieve(int number) {
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(USER, PASSWORD);
            assertThat(pop.multiline("RETR " + number).get(0)).startsWith("+OK");
            pop.command("QUIT");
        }
    }

    private static List<String> jmapSubjects() {
        JsonNode responses = jmap("[[\"Email/query\", {\"accountId\": \"" + accountId() + "\"}, \"q\"],"
            + " [\"Email/get\", {\"accountId\": \"" + accountId() + "\", \"#ids\": {\"resultOf\": \"q\", \"name\": \"Email/query\","
            + " \"path\": \"/ids\"}, \"properties\": [\"subject\"]}, \"g\"]]");
        JsonNode get = responses.get(1);
        assertThat(get.get(0).asText()).as(responses.toString()).isEqualTo("Email/get");
        List<String> subjects = new ArrayList<>();
        get.get(1).get("list").forEach(email -> subjects.add(email.get("subject").asText()));
        return subjects;
    }

    private static int jmapInboxTotal() {
        JsonNode responses = jmap("[[\"Mailbox/get\", {\"accountId\": \"" + accountId() + "\", \"properties\": [\"role\", \"totalEmails\"]}, \"m\"]]");
        for (JsonNode mailbox : responses.get(0).get(1).get("list")) {
            if ("inbox".equals(mailbox.get("role").asText())) {
                return mailbox.get("totalEmails").asInt();
            }
        }
        throw new AssertionError("No inbox in " + responses);
    }

    private static String accountId() {
        JsonNode session = send(request("/jmap/session").GET());
        return session.get("primaryAccounts").get("urn:ietf:params:jmap:mail").asText();
    }

    private static JsonNode jmap(String methodCalls) {
        String body = "{\"using\": [\"urn:ietf:params:jmap:core\", \"urn:ietf:params:jmap:mail\"], \"methodCalls\": " + methodCalls + "}";
        return send(request("/jmap").POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")).get("methodResponses");
    }

    private static HttpRequest.Builder request(String path) {
        int port = server.server().getProbe(JmapGuiceProbe.class).getJmapPort().getValue();
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
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
