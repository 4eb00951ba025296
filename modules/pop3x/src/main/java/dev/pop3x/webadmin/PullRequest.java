package dev.pop3x.webadmin;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pop3x.migration.pull.Credentials;
import dev.pop3x.migration.pull.OldServer;
import dev.pop3x.migration.pull.TlsMode;

/**
 * The body of a pull request: the previous server and how to log in there.
 *
 * <pre>
 * {"host": "pop.old.example", "port": 995, "tls": {"mode": "implicit"}, "timeoutSeconds": 60,
 *  "login": "bob", "password": "..."}
 * {"host": "pop.old.example", "port": 110, "tls": {"mode": "stls", "trustAll": true},
 *  "master": {"user": "admin", "password": "...", "style": "dovecot"}}
 * </pre>
 *
 * {@code tls.mode} is {@code stls}, {@code implicit} or {@code none}; certificates are checked against the JDK's
 * authorities unless {@code tls.truststore} names a PKCS#12 or JKS file, or {@code tls.trustAll} is true (never the
 * default). {@code login} is the user's name on the old server (default: their name here). Errors never quote a
 * password.
 */
final class PullRequest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PullRequest() {
    }

    static JsonNode parse(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw new IllegalArgumentException("expected a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
    }

    static OldServer server(JsonNode root) {
        JsonNode tls = root.path("tls");
        if (!tls.isObject() || !tls.path("mode").isTextual()) {
            throw new IllegalArgumentException("\"tls\": {\"mode\": \"stls\" | \"implicit\" | \"none\"} is required");
        }
        TlsMode mode;
        try {
            mode = TlsMode.valueOf(tls.get("mode").asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tls.mode must be stls, implicit or none, not '" + tls.get("mode").asText() + "'");
        }
        if (!root.path("host").isTextual() || !root.path("port").isInt()) {
            throw new IllegalArgumentException("\"host\" (a string) and \"port\" (a number) are required");
        }
        Optional<Path> truststore = tls.path("truststore").isTextual() ? Optional.of(Path.of(tls.get("truststore").asText())) : Optional.empty();
        return new OldServer(root.get("host").asText(), root.get("port").asInt(), mode, tls.path("trustAll").asBoolean(false), truststore,
            Duration.ofSeconds(root.path("timeoutSeconds").asLong(60)));
    }

    /** The master user, when the request gives one. */
    static Optional<Credentials> master(JsonNode root) {
        JsonNode master = root.get("master");
        if (master == null) {
            return Optional.empty();
        }
        if (!master.path("user").isTextual() || !master.path("password").isTextual()) {
            throw new IllegalArgumentException("\"master\" needs \"user\" and \"password\" strings");
        }
        Credentials.MasterStyle style;
        try {
            style = Credentials.MasterStyle.valueOf(master.path("style").asText("dovecot").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("master.style must be dovecot or sasl");
        }
        // the login is set per user
        return Optional.of(Credentials.ofMaster("placeholder", master.get("user").asText(), master.get("password").asText(), style));
    }

    /** A user's own credentials, when the node gives a password. */
    static Optional<Credentials> own(JsonNode node, String login) {
        JsonNode password = node.get("password");
        if (password == null) {
            return Optional.empty();
        }
        if (!password.isTextual()) {
            throw new IllegalArgumentException("\"password\" must be a string");
        }
        return Optional.of(Credentials.ofUser(login, password.asText()));
    }

    /** The user's name on the old server: {@code login}, else their name here. */
    static String login(JsonNode node, String user) {
        JsonNode login = node.get("login");
        if (login != null && !login.isTextual()) {
            throw new IllegalArgumentException("\"login\" must be a string");
        }
        return login == null ? user : login.asText();
    }
}
