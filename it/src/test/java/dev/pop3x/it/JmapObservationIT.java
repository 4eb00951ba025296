package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.james.JamesServerExtension;
import org.apache.james.utils.UpdatableTickingClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The deletion policy seen from another protocol: the same mailbox watched through James's JMAP (RFC 8621), started
 * as James's own JMAP tests start it. Mail the policy expired is gone for JMAP clients too, mail it kept is still
 * there: the policy deletes through James's mailbox API, like any client.
 */
class JmapObservationIT {
    private static final String USER = "watched@pop3x.local";
    private static final String PASSWORD = "secret";
    private static final UpdatableTickingClock CLOCK = new UpdatableTickingClock(Instant.parse("2026-11-26T10:00:00Z"));

    @RegisterExtension
    static JamesServerExtension james = JamesServers.withJmap(home -> home.edit("pop3x.properties", properties -> properties
            .replace("policy.sweep-interval=1h", "policy.sweep-interval=0s")
            + "expire.days[" + USER + "]=30\n"))
        .overrideServerModule(binder -> binder.bind(Clock.class).toInstance(CLOCK))
        .lifeCycle(JamesServerExtension.Lifecycle.PER_CLASS)
        .build();

    private static RunningJames server;
    private static JmapClient jmap;

    @BeforeAll
    static void user() {
        server = new RunningJames(james.getGuiceJamesServer()).addUser(USER, PASSWORD);
        jmap = new JmapClient(server, USER, PASSWORD);
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
        return jmap.emails("subject");
    }

    private static int jmapInboxTotal() {
        return jmap.mailbox("inbox").get("totalEmails").asInt();
    }
}
