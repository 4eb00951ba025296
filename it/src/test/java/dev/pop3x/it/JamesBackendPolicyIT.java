package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.apache.james.JamesServerExtension;
import org.apache.james.modules.MailboxProbeImpl;
import org.apache.james.utils.UpdatableTickingClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The deletion policy on the {@code james} backend: maildrops in James's mailboxes, quotas in James's accounting, and
 * what the policy expunges kept by James's deleted-messages vault (conf/listeners.xml) like any other deletion.
 */
class JamesBackendPolicyIT extends DeletionPolicyContract {
    private static final String DOMAIN = "pop3x.local";
    private static final UpdatableTickingClock CLOCK = new UpdatableTickingClock(Instant.parse("2026-11-26T10:00:00Z"));

    @RegisterExtension
    static JamesServerExtension james = server(DOMAIN, CLOCK);

    private static RunningJames server;

    @BeforeAll
    static void start() {
        server = new RunningJames(james.getGuiceJamesServer());
    }

    @Test
    void mailThePolicyExpiredCanBeRestoredFromJamesDeletedMessagesVault() {
        String user = "vaulted@" + DOMAIN;
        server.addUser(user, PASSWORD);
        server.deliver(user, Messages.text(SENDER, user, "expired then restored", "Body.\n"));
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            pop.multiline("RETR 1");
            pop.command("QUIT");
        }
        CLOCK.setInstant(CLOCK.instant().plus(Duration.ofDays(31)));
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            pop.command("QUIT");
        }
        assertThat(server.messageCount(user)).isZero();

        JsonNode task = restoreFromTheVault(user, "{\"combinator\": \"and\", \"criteria\": []}");

        assertThat(task.get("status").asText()).isEqualTo("completed");
        assertThat(task.get("additionalInformation").get("successfulRestoreCount").asInt()).isEqualTo(1);
        assertThat(server.server().getProbe(MailboxProbeImpl.class).listUserMailboxes(user)).contains("Restored-Messages");
        assertThat(server.messageCount(user)).isEqualTo(1);
    }

    @Test
    void mailAClientDeletedGoesToJamesDeletedMessagesVaultAndOneMessageCanBeRestored() {
        String user = "deleter@" + DOMAIN;
        server.addUser(user, PASSWORD);
        server.deliver(user, Messages.text(SENDER, user, "deleted and kept", "Body.\n"));
        server.deliver(user, Messages.text(SENDER, user, "deleted then restored", "Body.\n"));
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            assertThat(pop.command("DELE 1")).startsWith("+OK");
            assertThat(pop.command("DELE 2")).startsWith("+OK");
            assertThat(pop.command("QUIT")).startsWith("+OK");
        }
        assertThat(server.messageCount(user)).isZero();

        JsonNode task = restoreFromTheVault(user, "{\"fieldName\": \"subject\", \"operator\": \"equals\", \"value\": \"deleted then restored\"}");

        assertThat(task.get("status").asText()).isEqualTo("completed");
        assertThat(task.get("additionalInformation").get("successfulRestoreCount").asInt()).isEqualTo(1);
        assertThat(server.messageCount(user)).isEqualTo(1);
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            assertThat(pop.command("STAT")).as("restored into Restored-Messages, not the INBOX POP3 shows").isEqualTo("+OK 0 0");
        }
    }

    /** Restores what the query selects from the user's vault through James's WebAdmin; the task, once ended. */
    private static JsonNode restoreFromTheVault(String user, String query) {
        WebAdmin webAdmin = new WebAdmin(server.webAdminPort());
        WebAdmin.Answer restore = webAdmin.post("/deletedMessages/users/" + user + "?action=restore", query);
        assertThat(restore.status()).as(restore.toString()).isEqualTo(201);
        return webAdmin.get("/tasks/" + restore.body().get("taskId").asText() + "/await?timeout=30s").body();
    }

    @Override
    RunningJames server() {
        return server;
    }

    @Override
    UpdatableTickingClock clock() {
        return CLOCK;
    }

    @Override
    String domain() {
        return DOMAIN;
    }

    @Test
    void eachMessageAClientDeletedIsAuditedWithWhoDeletedItAndFromWhere() {
        String user = "audited@" + DOMAIN;
        server.addUser(user, PASSWORD);
        server.deliver(user, Messages.text(SENDER, user, "kept", "Body.\n"));
        server.deliver(user, Messages.text(SENDER, user, "deleted", "Body.\n"));
        try (LogCapture audit = LogCapture.of("dev.pop3x.audit.Deletions"); Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            String uid = pop.command("UIDL 2").split(" ")[2];
            String octets = pop.command("LIST 2").split(" ")[2];
            String messageId = pop.multiline("TOP 2 0").stream().filter(line -> line.startsWith("Message-ID: ")).findFirst().orElseThrow()
                .substring("Message-ID: ".length());
            assertThat(pop.command("DELE 2")).startsWith("+OK");
            assertThat(audit.lines()).as("nothing before the UPDATE state").isEmpty();
            assertThat(pop.command("QUIT")).startsWith("+OK");
            assertThat(audit.lines()).singleElement().asString()
                .startsWith("INFO DELE user=" + user + " device=- ip=127.0.0.1 tls=false uid=" + uid + " message-id=" + messageId
                    + " octets=" + octets + " session=");
        }
    }

    @Override
    long stored(String user) {
        return server.messageCount(user);
    }
}
