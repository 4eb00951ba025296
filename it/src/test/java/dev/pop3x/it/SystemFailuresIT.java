package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When storage fails, clients learn whether to retry (RFC 3206 {@code [SYS/TEMP]}) or to call for help
 * ({@code [SYS/PERM]}), the session goes on, and nothing is lost. Failing backends are added by an extension
 * module of the test ({@link FailingBackends}), the way any backend is; the lock is off so that two sessions can
 * share one maildrop.
 */
class SystemFailuresIT {
    private static final String PASSWORD = "secret";
    private static final String TEMPORARY = "temp@pop3x.local";
    private static final String PERMANENT = "perm@pop3x.local";
    private static final String UNREADABLE = "flaky@pop3x.local";
    private static final String SHARED = "shared@pop3x.local";

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass(home -> home
        .edit("extensions.properties", properties -> properties.replace("guice.extension.module=dev.pop3x.Pop3xModule",
            "guice.extension.module=dev.pop3x.Pop3xModule," + FailingBackends.class.getName()))
        .edit("pop3x.properties", properties -> properties.replace("maildrop.lock=true", "maildrop.lock=false")
            + "maildrop.backend[" + TEMPORARY + "]=failing-temporarily\n"
            + "maildrop.backend[" + PERMANENT + "]=failing-permanently\n"
            + "maildrop.backend[" + UNREADABLE + "]=unreadable\n"));

    private static RunningJames server;

    @BeforeAll
    static void users() {
        server = new RunningJames(james.getGuiceJamesServer())
            .addUser(TEMPORARY, PASSWORD).addUser(PERMANENT, PASSWORD).addUser(UNREADABLE, PASSWORD).addUser(SHARED, PASSWORD);
        server.deliver(SHARED, Messages.text("a@example.test", SHARED, "one", "hello\n"));
        server.deliver(SHARED, Messages.text("b@example.test", SHARED, "two", "hello\n"));
    }

    @Test
    void aMaildropThatCannotBeOpenedNowIsSysTemp() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.login(TEMPORARY, PASSWORD)).isEqualTo("-ERR [SYS/TEMP] Cannot open the mailbox now; try again later.");
            assertThat(pop.command("AUTH PLAIN " + Sasl.plain(TEMPORARY, PASSWORD))).startsWith("-ERR [SYS/TEMP]");
            assertThat(pop.login(SHARED, PASSWORD)).isEqualTo("+OK Welcome " + SHARED);
        }
    }

    @Test
    void aMaildropThatCannotBeOpenedAtAllIsSysPerm() {
        try (Pop3LineClient pop = server.pop3()) {
            assertThat(pop.login(PERMANENT, PASSWORD)).isEqualTo("-ERR [SYS/PERM] Cannot open the mailbox; contact your administrator.");
        }
    }

    @Test
    void aMessageThatCannotBeReadIsRefusedAndTheSessionGoesOn() {
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(UNREADABLE, PASSWORD);
            assertThat(pop.command("RETR 1")).isEqualTo("-ERR [SYS/TEMP] Message (1) cannot be read now; try again later.");
            assertThat(pop.command("TOP 1 0")).isEqualTo("-ERR [SYS/PERM] Message (1) cannot be read; contact your administrator.");
            assertThat(pop.command("STAT")).isEqualTo("+OK 1 100");
            assertThat(pop.command("DELE 1")).isEqualTo("+OK Message deleted");
            assertThat(pop.command("QUIT")).isEqualTo("-ERR [SYS/TEMP] Some deleted messages were not removed");
            assertThat(pop.isClosedByServer(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void aMessageExpungedBehindTheSessionsBackIsSysTempAndTheRestIsServed() {
        try (Pop3LineClient first = server.pop3(); Pop3LineClient second = server.pop3()) {
            first.login(SHARED, PASSWORD);
            second.login(SHARED, PASSWORD);
            second.command("DELE 1");
            assertThat(second.command("QUIT")).startsWith("+OK");
            // TOP reads the store when asked; RETR may send the content the login read (to measure its octets) or read
            // ahead, as it would have a moment earlier
            assertThat(first.command("TOP 1 0")).isEqualTo("-ERR [SYS/TEMP] Message (1) cannot be read now; try again later.");
            assertThat(first.multiline("RETR 2")).contains("Subject: two");
        }
    }
}
