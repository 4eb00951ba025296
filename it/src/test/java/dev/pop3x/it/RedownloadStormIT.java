package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Re-download storm detection: a session that retrieves again mail that clients had retrieved before it logged in
 * (what every leave-on-server client does when the UIDLs changed under it) is counted in the logout line
 * ({@code again=}) and the {@code pop3x-redownloads} metric, and from {@code redownload.warning} such messages one
 * WARN names the user; mail downloaded for the first time never counts. On both backends.
 */
class RedownloadStormIT {
    private static final String PASSWORD = "secret";
    private static final String RETRIEVALS = "dev.pop3x.protocol.Retrievals";
    private static final String LOGOUT = "dev.pop3x.protocol.Logout";
    private static final AtomicInteger USERS = new AtomicInteger();

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass(home -> home.edit("pop3x.properties",
        properties -> properties.replace("redownload.warning=20\n", "redownload.warning=3\nredownload.warning[quiet@pop3x.local]=off\n")));

    private static RunningJames server;

    @BeforeAll
    static void server() {
        server = new RunningJames(james.getGuiceJamesServer());
    }

    private static String userWithMail(String name, String domain, int messages) {
        String user = name + USERS.incrementAndGet() + "@" + domain;
        server.addUser(user, PASSWORD);
        for (int i = 1; i <= messages; i++) {
            server.smtp().deliver("sender@example.test", user, Messages.text("sender@example.test", user, "message " + i, "body " + i + "\n"));
        }
        Eventually.until(Duration.ofSeconds(30), messages + " messages for " + user, () -> {
            try (Pop3LineClient pop = server.pop3()) {
                pop.login(user, PASSWORD);
                return pop.command("STAT").startsWith("+OK " + messages + " ");
            }
        });
        return user;
    }

    /** Logs in, RETRs the messages in that order, QUITs, and waits for the session's logout line. */
    private static String sessionRetrieving(LogCapture logout, String user, int... numbers) {
        int before = quitLines(logout, user).size();
        try (Pop3LineClient pop = server.pop3()) {
            pop.login(user, PASSWORD);
            for (int number : numbers) {
                assertThat(pop.multiline("RETR " + number).get(0)).startsWith("+OK");
            }
            assertThat(pop.command("QUIT")).startsWith("+OK");
        }
        Eventually.until(Duration.ofSeconds(5), "the logout line of " + user, () -> quitLines(logout, user).size() > before);
        return quitLines(logout, user).get(before);
    }

    private static List<String> quitLines(LogCapture logout, String user) {
        return logout.lines().stream()
            .filter(line -> line.startsWith("INFO Logout user=" + user + " ") && line.contains(" reason=QUIT "))
            .collect(Collectors.toList());
    }

    private static List<String> warnings(LogCapture retrievals) {
        return retrievals.lines().stream().filter(line -> line.startsWith("WARN Re-download storm?")).collect(Collectors.toList());
    }

    private static long metric(String name) {
        return server.server().getProbe(MetricsProbe.class).count(name);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pop3x.local", "maildir.pop3x.local"})
    void mailRetrievedForTheFirstTimeIsNoRedownload(String domain) {
        String user = userWithMail("first", domain, 4);
        try (LogCapture retrievals = LogCapture.of(RETRIEVALS); LogCapture logout = LogCapture.of(LOGOUT)) {
            assertThat(sessionRetrieving(logout, user, 1, 2, 3, 4)).contains(" retr=4/").contains(" again=0 ");
            assertThat(warnings(retrievals)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pop3x.local", "maildir.pop3x.local"})
    void aSessionRetrievingAgainMailRetrievedBeforeWarnsOnceAtTheThresholdAndCountsEachMessageOnce(String domain) {
        String user = userWithMail("storm", domain, 4);
        try (LogCapture retrievals = LogCapture.of(RETRIEVALS); LogCapture logout = LogCapture.of(LOGOUT)) {
            sessionRetrieving(logout, user, 1, 2, 3, 4);
            long redownloads = metric("pop3x-redownloads");
            long storms = metric("pop3x-redownload-storms");

            String line = sessionRetrieving(logout, user, 1, 1, 2, 3, 4);

            assertThat(line).contains(" retr=5/").contains(" again=4 ");
            assertThat(warnings(retrievals)).singleElement().asString()
                .startsWith("WARN Re-download storm? user=" + user + " ip=127.0.0.1 has retrieved 3 messages in this session"
                    + " that clients had already retrieved");
            assertThat(metric("pop3x-redownloads") - redownloads).isEqualTo(4);
            assertThat(metric("pop3x-redownload-storms") - storms).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pop3x.local", "maildir.pop3x.local"})
    void belowTheThresholdRedownloadsAreCountedWithoutAWarning(String domain) {
        String user = userWithMail("below", domain, 4);
        try (LogCapture retrievals = LogCapture.of(RETRIEVALS); LogCapture logout = LogCapture.of(LOGOUT)) {
            sessionRetrieving(logout, user, 1, 2);

            assertThat(sessionRetrieving(logout, user, 1, 2, 3, 4)).contains(" again=2 ");
            assertThat(warnings(retrievals)).isEmpty();
        }
    }

    @Test
    void aUserWithTheWarningOffIsCountedAndNotWarnedAbout() {
        String user = "quiet@pop3x.local";
        server.addUser(user, PASSWORD);
        for (int i = 1; i <= 3; i++) {
            server.deliver(user, Messages.text("sender@example.test", user, "quiet " + i, "hello\n"));
        }
        try (LogCapture retrievals = LogCapture.of(RETRIEVALS); LogCapture logout = LogCapture.of(LOGOUT)) {
            sessionRetrieving(logout, user, 1, 2, 3);

            assertThat(sessionRetrieving(logout, user, 1, 2, 3)).contains(" again=3 ");
            assertThat(warnings(retrievals)).isEmpty();
        }
    }
}
