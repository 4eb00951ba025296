package dev.pop3x.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.apache.james.JamesServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One summary line per session, however it ends, like Dovecot's pop3_logout_format. */
class LogoutSummaryIT {
    private static final String USER = "summary@pop3x.local";
    private static final String PASSWORD = "secret";

    @RegisterExtension
    static JamesServerExtension james = JamesServers.pop3xPerClass();

    private static RunningJames server;

    @BeforeAll
    static void maildrop() {
        server = new RunningJames(james.getGuiceJamesServer()).addUser(USER, PASSWORD);
        for (int i = 0; i < 3; i++) {
            server.deliver(USER, Messages.text("a@example.test", USER, "message " + i, "hello\n"));
        }
    }

    @Test
    void aSessionEndedByQuitLogsWhatItDid() throws Exception {
        try (LogCapture log = LogCapture.of("dev.pop3x.protocol.Logout")) {
            try (Pop3LineClient pop = server.pop3()) {
                pop.login(USER, PASSWORD);
                String octets = pop.command("LIST 1").split(" ")[2];
                pop.multiline("RETR 1");
                pop.multiline("TOP 2 0");
                pop.command("DELE 1");
                pop.command("QUIT");
                awaitLine(log);
                assertThat(log.lines()).singleElement().asString().matches("INFO Logout user=" + USER
                    + " ip=127.0.0.1 reason=QUIT commands=7 retr=1/" + octets + " again=0 top=1 del=1/" + octets + " expired=0/0 kept=2 time=\\d+ms");
            }
        }
    }

    @Test
    void aDroppedSessionLogsItToo() throws Exception {
        try (LogCapture log = LogCapture.of("dev.pop3x.protocol.Logout")) {
            Pop3LineClient pop = server.pop3();
            pop.login(USER, PASSWORD);
            pop.command("DELE 1");
            pop.abort();
            awaitLine(log);
            assertThat(log.lines()).singleElement().asString()
                .matches("INFO Logout user=" + USER + " ip=127.0.0.1 reason=disconnected commands=3 retr=0/0 again=0 top=0 del=0/0 expired=0/0 kept=\\d+ time=\\d+ms");
        }
    }

    @Test
    void aSessionThatNeverLoggedInIsLoggedWithoutUser() throws Exception {
        try (LogCapture log = LogCapture.of("dev.pop3x.protocol.Logout")) {
            try (Pop3LineClient pop = server.pop3()) {
                pop.command("CAPA");
                pop.command("QUIT");
            }
            awaitLine(log);
            assertThat(log.lines()).singleElement().asString()
                .matches("INFO Logout user=- ip=127.0.0.1 reason=QUIT commands=2 retr=0/0 again=0 top=0 del=0/0 expired=0/0 kept=- time=\\d+ms");
        }
    }

    private static void awaitLine(LogCapture log) {
        Eventually.until(Duration.ofSeconds(5), "the logout line", () -> !log.lines().isEmpty());
    }
}
