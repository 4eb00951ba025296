package dev.pop3x.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

import org.apache.james.JamesServerExtension;
import org.apache.james.utils.UpdatableTickingClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The deletion policy on the {@code maildir} backend: the quota set through James is written into each Maildir's
 * {@code maildirsize}, retrievals are kept in {@code pop3x-retrieved}, and what the policy removes is gone from
 * {@code new/} and {@code cur/}.
 */
class MaildirBackendPolicyIT extends DeletionPolicyContract {
    private static final String DOMAIN = "maildir.pop3x.local";
    private static final UpdatableTickingClock CLOCK = new UpdatableTickingClock(Instant.parse("2026-11-26T10:00:00Z"));

    @RegisterExtension
    static JamesServerExtension james = server(DOMAIN, CLOCK);

    private static RunningJames server;

    @BeforeAll
    static void start() {
        server = new RunningJames(james.getGuiceJamesServer());
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

    /** The files in the user's new/ and cur/. */
    @Override
    long stored(String user) {
        Path maildir = server.workingDirectory().resolve("var/maildir").resolve(DOMAIN)
            .resolve(user.substring(0, user.indexOf('@'))).resolve("Maildir");
        return count(maildir.resolve("new")) + count(maildir.resolve("cur"));
    }

    private static long count(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
