package dev.pop3x.webadmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pop3x.migration.pull.Credentials;
import dev.pop3x.migration.pull.OldServer;
import dev.pop3x.migration.pull.TlsMode;

class PullRequestTest {

    @Test
    void theOldServerTakesItsTlsModeTrustAndTimeout() {
        OldServer server = PullRequest.server(PullRequest.parse(
            "{\"host\": \"pop.old.example\", \"port\": 995, \"tls\": {\"mode\": \"implicit\", \"truststore\": \"/etc/old.p12\"}, \"timeoutSeconds\": 20}"));

        assertThat(server.tls()).isEqualTo(TlsMode.IMPLICIT);
        assertThat(server.trustAll()).isFalse();
        assertThat(server.truststore()).hasValueSatisfying(path -> assertThat(path).hasToString("/etc/old.p12"));
        assertThat(server.timeout()).hasSeconds(20);
    }

    @Test
    void everyCertificateIsTrustedOnlyWhenTheRequestSaysSo() {
        assertThat(PullRequest.server(PullRequest.parse("{\"host\": \"h\", \"port\": 110, \"tls\": {\"mode\": \"stls\"}}")).trustAll()).isFalse();
        assertThat(PullRequest.server(PullRequest.parse("{\"host\": \"h\", \"port\": 110, \"tls\": {\"mode\": \"stls\", \"trustAll\": true}}"))
            .trustAll()).isTrue();
    }

    @Test
    void aRequestWithoutTlsModeOrWithAnUnknownOneIsRefused() {
        assertThatThrownBy(() -> PullRequest.server(PullRequest.parse("{\"host\": \"h\", \"port\": 110}")))
            .hasMessageContaining("\"tls\": {\"mode\": \"stls\" | \"implicit\" | \"none\"} is required");
        assertThatThrownBy(() -> PullRequest.server(PullRequest.parse("{\"host\": \"h\", \"port\": 110, \"tls\": {\"mode\": \"ssl\"}}")))
            .hasMessage("tls.mode must be stls, implicit or none, not 'ssl'");
    }

    @Test
    void aBodyWithAPasswordIsRefusedSinceWebAdminLogsBodies() {
        assertThatThrownBy(() -> PullRequest.parse("{\"host\": \"h\", \"master\": {\"user\": \"admin\", \"password\": \"top-secret\"}}"))
            .hasMessageStartingWith("no password in the body, which James's WebAdmin logs: give it in the X-Pop3x-Password or "
                + "X-Pop3x-Master-Password header")
            .hasMessageNotContaining("top-secret");
    }

    @Test
    void theMasterUsersPasswordComesFromItsHeaderAndNeverShows() {
        Credentials master = PullRequest.master(PullRequest.parse("{\"master\": {\"user\": \"admin\", \"style\": \"sasl\"}}"),
            Optional.of("top-secret")).orElseThrow().forLogin("bob");

        assertThat(master).hasToString("bob as master admin (sasl)");
        assertThatThrownBy(() -> PullRequest.master(PullRequest.parse("{\"master\": {\"user\": \"admin\"}}"), Optional.empty()))
            .hasMessage("the master user's password goes in the X-Pop3x-Master-Password header");
    }

    @Test
    void aPasswordFileHasAUserAndAPasswordALine(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("passwords"), "# old server\nbob@example.com pass word\n\nalice@example.com x\n");

        assertThat(PullRequest.passwordFile(PullRequest.parse("{\"passwordFile\": \"" + file + "\"}")))
            .containsOnly(Map.entry("bob@example.com", "pass word"), Map.entry("alice@example.com", "x"));
        assertThatThrownBy(() -> PullRequest.passwordFile(PullRequest.parse("{\"passwordFile\": \"" + directory.resolve("none") + "\"}")))
            .hasMessage("no password file " + directory.resolve("none") + " on this James node");
    }
}
