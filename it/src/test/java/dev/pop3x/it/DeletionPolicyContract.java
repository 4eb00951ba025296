package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.james.JamesServerExtension;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.james.utils.MailRepositoryProbeImpl;
import org.apache.james.utils.UpdatableTickingClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The quota-aware deletion policy, the same on every backend: users with a quota set through James, mail delivered
 * over SMTP, and clients that leave mail on the server (RETR without DELE). James's clock is the test's, so mail
 * ages by days without a test waiting. Each test has users of its own, configured in {@link #policyFor}; the
 * sweeper is off, so that what removes mail here is the QUIT of a session or WebAdmin.
 */
abstract class DeletionPolicyContract {
    static final String PASSWORD = "secret";
    static final String SENDER = "sender@pop3x.local";
    static final String AUDIT = "dev.pop3x.policy.Audit";

    /** The server for a backend's test class: every user's domain is {@code domain}, the clock is the test's. */
    static JamesServerExtension server(String domain, UpdatableTickingClock clock) {
        return JamesServers.builder(home -> home.edit("pop3x.properties",
                properties -> properties.replace("policy.sweep-interval=1h", "policy.sweep-interval=0s") + policyFor(domain)))
            .overrideServerModule(binder -> binder.bind(Clock.class).toInstance(clock))
            .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
            .build();
    }

    /** What an operator writes in pop3x.properties: a domain's policy, and users with their own. */
    private static String policyFor(String domain) {
        return "expire.days[" + domain + "]=30\n"
            + "expire.days[keeper@" + domain + "]=never\n"
            + "policy.dry-run[trial@" + domain + "]=true\n"
            + "quota.high[pressed@" + domain + "]=90\n"
            + "quota.low[pressed@" + domain + "]=60\n"
            + "quota.high[stored@" + domain + "]=90\n"
            + "quota.low[stored@" + domain + "]=60\n"
            + "quota.high[hoarder@" + domain + "]=90\n"
            + "quota.low[hoarder@" + domain + "]=50\n"
            + "quota.high[bounced@" + domain + "]=100\n"
            + "quota.low[bounced@" + domain + "]=50\n"
            + "quota.high[admin@" + domain + "]=90\n"
            + "quota.low[admin@" + domain + "]=60\n"
            + "notice.threshold[warned@" + domain + "]=80\n"
            + "quota.high[warned@" + domain + "]=95\n";
    }

    abstract RunningJames server();

    abstract UpdatableTickingClock clock();

    abstract String domain();

    /** How many messages the backend stores for the user, seen without POP3. */
    abstract long stored(String user);

    @BeforeEach
    void sender() {
        server().addUserOnce(SENDER, PASSWORD);
    }

    private String user(String localPart) {
        String user = localPart + "@" + domain();
        server().addUserOnce(user, PASSWORD);
        return user;
    }

    private void deliver(String user, String... subjects) {
        for (String subject : subjects) {
            long before = stored(user);
            server().smtp().deliver(SENDER, user, Messages.text(SENDER, user, subject, ("Body of " + subject + ".\n").repeat(40)));
            awaitStored(user, before + 1);
        }
    }

    private void awaitStored(String user, long expected) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (stored(user) != expected) {
            assertThat(Instant.now()).as("%s stores %d messages, expected %d", user, stored(user), expected).isBefore(deadline);
            sleep(Duration.ofMillis(20));
        }
    }

    private void daysLater(int days) {
        clock().setInstant(clock().instant().plus(Duration.ofDays(days)));
    }

    /** A leave-on-server client: logs in, retrieves these messages, deletes none, quits. */
    private void retrieve(String user, int... numbers) {
        try (Pop3LineClient pop = server().pop3()) {
            assertThat(pop.login(user, PASSWORD)).startsWith("+OK");
            for (int number : numbers) {
                assertThat(pop.multiline("RETR " + number).get(0)).startsWith("+OK");
            }
            assertThat(pop.command("QUIT")).startsWith("+OK");
        }
    }

    /**
     * The subjects of the user's maildrop in order, read with TOP n 0 (which retrieves nothing), then QUIT. The login
     * waits, on the server, for a dropped connection the server has not noticed yet.
     */
    private List<String> subjects(String user) {
        try (Pop3LineClient pop = server().pop3()) {
            assertThat(pop.login(user, PASSWORD)).startsWith("+OK");
            int count = Integer.parseInt(pop.command("STAT").split(" ")[1]);
            List<String> subjects = new ArrayList<>();
            for (int number = 1; number <= count; number++) {
                subjects.add(pop.multiline("TOP " + number + " 0").stream()
                    .filter(line -> line.startsWith("Subject: ")).findFirst().orElseThrow().substring("Subject: ".length()));
            }
            assertThat(pop.command("QUIT")).startsWith("+OK");
            return subjects;
        }
    }

    /** The audit lines the policy wrote for the user while the action ran, each shortened to "verb uidl reason trigger". */
    private List<String> audited(String user, Runnable action) {
        try (LogCapture audit = LogCapture.of(AUDIT)) {
            action.run();
            return audit.lines().stream()
                .filter(line -> line.contains(" user=" + user + " "))
                .map(DeletionPolicyContract::shortAudit)
                .collect(Collectors.toList());
        }
    }

    private static String shortAudit(String line) {
        String verb = line.substring(line.indexOf(' ') + 1, line.indexOf(" user="));
        return verb + " " + field(line, "reason") + " " + field(line, "trigger");
    }

    private static String field(String line, String name) {
        int start = line.indexOf(" " + name + "=") + name.length() + 2;
        int end = line.indexOf(' ', start);
        return line.substring(start, end < 0 ? line.length() : end);
    }

    private WebAdmin webAdmin() {
        return new WebAdmin(server().webAdminPort());
    }

    private JsonNode status(String user) {
        WebAdmin.Answer answer = webAdmin().get("/pop3x/policy/users/" + user);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.body();
    }

    @Test
    void retrievedMailExpiresTheDaysAfterItsRetrievalThatItsDomainSays() {
        String user = user("aged");
        deliver(user, "read long ago", "never read");
        retrieve(user, 1);

        daysLater(29);
        assertThat(audited(user, () -> assertThat(subjects(user)).containsExactly("read long ago", "never read"))).isEmpty();

        daysLater(2);
        assertThat(audited(user, () -> subjects(user))).containsExactly("Expunged expired QUIT");
        assertThat(subjects(user)).containsExactly("never read");
        assertThat(stored(user)).isEqualTo(1);
    }

    @Test
    void aUsersOwnSettingWinsOverItsDomains() {
        String user = user("keeper");
        deliver(user, "kept forever");
        retrieve(user, 1);

        daysLater(400);

        assertThat(audited(user, () -> subjects(user))).isEmpty();
        assertThat(subjects(user)).containsExactly("kept forever");
    }

    @Test
    void aTopThatSentTheWholeMessageIsARetrievalAndTopOfTheHeadersIsNot() {
        String user = user("skimmer");
        deliver(user, "read with TOP", "headers only");
        try (Pop3LineClient pop = server().pop3()) {
            pop.login(user, PASSWORD);
            assertThat(pop.multiline("TOP 1 1000")).contains("Body of read with TOP.");
            assertThat(pop.multiline("TOP 2 0")).contains("Subject: headers only");
            pop.command("QUIT");
        }

        daysLater(31);
        subjects(user);

        assertThat(subjects(user)).containsExactly("headers only");
    }

    @Test
    void underQuotaPressureTheOldestRetrievalsGoFirstUntilTheLowWatermarkExactly() {
        String user = user("pressed");
        server().setQuota(user, 100_000_000, 10);
        deliver(user, "m1", "m2", "m3", "m4", "m5", "m6", "m7");
        retrieve(user, 3);
        daysLater(1);
        retrieve(user, 1);
        daysLater(1);
        retrieve(user, 5);
        daysLater(1);
        retrieve(user, 2);
        assertThat(subjects(user)).hasSize(7);

        deliver(user, "m8", "m9");

        assertThat(audited(user, () -> subjects(user)))
            .containsExactly("Expunged message-quota QUIT", "Expunged message-quota QUIT", "Expunged message-quota QUIT");
        assertThat(subjects(user)).containsExactly("m2", "m4", "m6", "m7", "m8", "m9");
        assertThat(stored(user)).isEqualTo(6);
    }

    @Test
    void storagePressureStopsAtTheFirstMessageThatBringsUsageToTheLowWatermark() {
        String user = user("stored");
        server().setQuota(user, 1_000_000_000, 1000);
        deliver(user, "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10");
        long octets = status(user).get("usage").get("octets").asLong();
        server().setQuota(user, octets, 1000);

        List<Long> removed = new ArrayList<>();
        try (LogCapture audit = LogCapture.of(AUDIT)) {
            retrieve(user, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
            audit.lines().forEach(line -> removed.add(Long.parseLong(field(line, "octets"))));
            assertThat(audit.lines()).allMatch(line -> line.contains(" reason=storage-quota "));
        }

        long left = status(user).get("usage").get("octets").asLong();
        assertThat(left).isEqualTo(octets - removed.stream().mapToLong(Long::longValue).sum());
        assertThat(left * 100).isLessThanOrEqualTo(60 * octets);
        assertThat((left + removed.get(removed.size() - 1)) * 100).isGreaterThan(60 * octets);
        assertThat(subjects(user)).startsWith("s" + (removed.size() + 1)).endsWith("s10").hasSize(10 - removed.size());
    }

    @Test
    void mailNoClientRetrievedIsKeptEvenWithTheQuotaFull() {
        String user = user("hoarder");
        server().setQuota(user, 100_000_000, 5);
        deliver(user, "h1", "h2", "h3", "h4", "h5");

        assertThat(audited(user, () -> retrieve(user, 1))).containsExactly("Expunged message-quota QUIT");

        assertThat(subjects(user)).containsExactly("h2", "h3", "h4", "h5");
        assertThat(status(user).get("usage").get("percent").asInt()).isEqualTo(80);
        assertThat(status(user).get("wouldExpunge")).isEmpty();
    }

    @Test
    void aDryRunLogsWhatWouldGoAndRemovesNothing() {
        String user = user("trial");
        deliver(user, "would expire", "unread");
        retrieve(user, 1);
        daysLater(31);

        assertThat(audited(user, () -> subjects(user))).containsExactly("Would expunge expired QUIT");
        assertThat(subjects(user)).containsExactly("would expire", "unread");
        assertThat(stored(user)).isEqualTo(2);
    }

    @Test
    void aDroppedConnectionExpungesNothingButItsRetrievalsCount() {
        String user = user("dropped");
        deliver(user, "retrieved then dropped", "deleted then dropped");
        try (Pop3LineClient pop = server().pop3()) {
            pop.login(user, PASSWORD);
            pop.multiline("RETR 1");
            pop.multiline("RETR 2");
            assertThat(pop.command("DELE 2")).startsWith("+OK");
            pop.abort();
        }
        daysLater(31);

        assertThat(audited(user, () -> assertThat(subjects(user)).containsExactly("retrieved then dropped", "deleted then dropped")))
            .containsExactly("Expunged expired QUIT", "Expunged expired QUIT");
        assertThat(stored(user)).isZero();
    }

    @Test
    void anOverQuotaDeliveryBouncesBeforeThePolicyRunsAndIsDeliveredAfter() {
        String user = user("bounced");
        server().setQuota(user, 100_000_000, 4);
        deliver(user, "b1", "b2", "b3", "b4");
        long bouncesBefore = server().messageCount(SENDER);
        long errorsBefore = errorRepositorySize();

        try (Pop3LineClient pop = server().pop3()) {
            pop.login(user, PASSWORD);
            for (int number = 1; number <= 4; number++) {
                pop.multiline("RETR " + number);
            }
            server().smtp().deliver(SENDER, user, Messages.text(SENDER, user, "b5", "while full\n"));
            server().awaitMessageCount(SENDER, bouncesBefore + 1);
            assertThat(errorRepositorySize()).isEqualTo(errorsBefore + 1);
            assertThat(stored(user)).isEqualTo(4);
            assertThat(pop.command("QUIT")).startsWith("+OK");
        }
        assertThat(stored(user)).isEqualTo(2);

        deliver(user, "b5");
        assertThat(subjects(user)).containsExactly("b3", "b4", "b5");
    }

    @Test
    void webAdminShowsTheUsersPolicyAndRunsItAsATaskWhichChangesNothingTheSecondTime() {
        String user = user("admin");
        server().setQuota(user, 100_000_000, 10);
        deliver(user, "a1", "a2", "a3", "a4", "a5", "a6", "a7");
        retrieve(user, 1, 2, 3, 4);
        deliver(user, "a8", "a9");
        // a Maildir delivery counts the message in maildirsize just after it shows in new/
        Eventually.until(Duration.ofSeconds(10), "the quota counting 9 messages", () -> status(user).get("usage").get("messages").asInt() == 9);

        JsonNode before = status(user);
        assertThat(before.get("usage").get("messages").asInt()).isEqualTo(9);
        assertThat(before.get("usage").get("maxMessages").asInt()).isEqualTo(10);
        assertThat(before.get("usage").get("percent").asInt()).isEqualTo(90);
        assertThat(before.get("settings").toString())
            .isEqualTo("{\"expireDays\":\"30\",\"quotaHigh\":90,\"quotaLow\":60,\"dryRun\":false}");
        assertThat(before.get("wouldExpunge")).hasSize(3);
        assertThat(before.get("wouldExpunge").findValuesAsText("reason")).containsOnly("message-quota");

        JsonNode task = webAdmin().runTask("/pop3x/policy/users/" + user + "?task=run");
        assertThat(task.get("status").asText()).isEqualTo("completed");
        assertThat(task.get("type").asText()).isEqualTo("pop3x-deletion-policy");
        assertThat(task.get("additionalInformation").get("expungedMessages").asInt()).isEqualTo(3);
        assertThat(status(user).get("wouldExpunge")).isEmpty();
        assertThat(stored(user)).isEqualTo(6);

        JsonNode again = webAdmin().runTask("/pop3x/policy/users/" + user + "?task=run");
        assertThat(again.get("additionalInformation").get("expungedMessages").asInt()).isZero();
        assertThat(subjects(user)).containsExactly("a4", "a5", "a6", "a7", "a8", "a9");
    }

    @Test
    void webAdminRunsThePolicyForEveryUserAndSkipsThoseInASession() {
        String idle = user("idle");
        String busy = user("busy");
        deliver(idle, "idle mail");
        deliver(busy, "busy mail");
        retrieve(idle, 1);
        retrieve(busy, 1);
        daysLater(31);

        try (Pop3LineClient pop = server().pop3()) {
            pop.login(busy, PASSWORD);
            JsonNode task = webAdmin().runTask("/pop3x/policy?task=run");
            assertThat(task.get("additionalInformation").get("scope").asText()).isEqualTo("*");
            assertThat(task.get("additionalInformation").get("busy").asInt()).isEqualTo(1);
            assertThat(stored(idle)).isZero();
            assertThat(stored(busy)).isEqualTo(1);
            pop.command("QUIT");
        }
        assertThat(stored(busy)).isZero();
    }

    @Test
    void webAdminAnswersUnknownUsersAndMissingTaskNamesWithErrors() {
        assertThat(webAdmin().get("/pop3x/policy/users/nobody@" + domain()).status()).isEqualTo(404);
        assertThat(webAdmin().post("/pop3x/policy/users/" + user("asker")).status()).isEqualTo(400);
        assertThat(webAdmin().post("/pop3x/policy?task=purge").status()).isEqualTo(400);
    }

    @Test
    void capaAnnouncesNoGuaranteedRetentionToUsersUnderQuotaPressure() {
        String pressed = user("pressed");
        String aged = user("aged");
        try (Pop3LineClient pop = server().pop3()) {
            assertThat(pop.multiline("CAPA")).contains("EXPIRE 0 USER");
            pop.login(pressed, PASSWORD);
            assertThat(pop.multiline("CAPA")).contains("EXPIRE 0");
            pop.command("QUIT");
        }
        try (Pop3LineClient pop = server().pop3()) {
            pop.login(aged, PASSWORD);
            assertThat(pop.multiline("CAPA")).contains("EXPIRE 30");
            pop.command("QUIT");
        }
    }

    @Test
    void aFullMailboxStartsWithAQuotaNoticeThatIsNeitherStoredNorCountedNorDeletable() {
        String user = user("warned");
        server().setQuota(user, 100_000_000, 10);
        deliver(user, "w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8");

        try (Pop3LineClient pop = server().pop3()) {
            pop.login(user, PASSWORD);
            assertThat(pop.command("UIDL 1")).isEqualTo("+OK 1 pop3x-quota-notice-80");
            assertThat(pop.command("STAT")).startsWith("+OK 9 ");
            List<String> notice = pop.multiline("RETR 1");
            assertThat(notice).contains("Subject: Your mailbox is at least 80% full",
                "Your mailbox is at least 80% full (limit: 100.0 MB, 10 messages).");
            assertThat(String.join("\n", notice)).contains("When it is 95% full, mail you have already downloaded is removed");
            assertThat(pop.command("DELE 1")).startsWith("+OK");
            assertThat(pop.command("QUIT")).startsWith("+OK");
        }

        assertThat(stored(user)).isEqualTo(8);
        assertThat(subjects(user)).hasSize(9).startsWith("Your mailbox is at least 80% full").endsWith("w8");
    }

    private long errorRepositorySize() {
        try {
            return server().server().getProbe(MailRepositoryProbeImpl.class)
                .getRepositoryMailCount(MailRepositoryUrl.from("memory://var/mail/error/"));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot count the error repository", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
