package dev.pop3x.it.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.apache.james.GuiceJamesServer;

import dev.pop3x.it.JamesServers;
import dev.pop3x.it.Messages;
import dev.pop3x.it.OidcProvider;
import dev.pop3x.it.RunningJames;

/**
 * The one James the fuzz target talks to, started in the fuzzing JVM from conf/ through the tests' harness, with
 * three changes: no brute-force brake (the fuzzer fails logins by the thousand and must not wait), the test
 * OpenID Connect provider, so that OAUTHBEARER and XOAUTH2 are offered, and SHA-512 password hashes instead of
 * PBKDF2 (a PBKDF2 check took a third of each input's time; hashing is James's, not what is fuzzed). One account
 * on each maildrop backend (conf/ serves {@code maildir.pop3x.local} from Maildirs, the rest from James's
 * mailboxes), each holding {@value #MESSAGES} messages, one of them with lines that need byte-stuffing.
 */
final class FuzzedJames implements Credentials, AutoCloseable {
    static final int MESSAGES = 2;
    private static final Duration TOKEN_REFRESH = Duration.ofMinutes(30);
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    private final Path home;
    private final GuiceJamesServer server;
    private final OidcProvider oidc;
    private final RunningJames james;
    private final List<Account> accounts = List.of(
        new Account("fuzz@pop3x.local", "secret"),
        new Account("fuzz@maildir.pop3x.local", "secret"));
    private final Map<Account, SignedToken> validTokens = new ConcurrentHashMap<>();
    private final Map<Account, String> expiredTokens = new ConcurrentHashMap<>();
    private final Map<Account, String> forgedTokens = new ConcurrentHashMap<>();

    private FuzzedJames(Path home, GuiceJamesServer server, OidcProvider oidc) {
        this.home = home;
        this.server = server;
        this.oidc = oidc;
        this.james = new RunningJames(server);
    }

    /** Starts James in a new home under the directory, with the accounts and their messages. */
    static FuzzedJames start(Path parent) throws Exception {
        Files.createDirectories(parent);
        Path home = Files.createTempDirectory(parent, "james-");
        OidcProvider oidc = OidcProvider.start();
        GuiceJamesServer server = JamesServers.unstarted(home, JamesServers.withoutBrake()
            .andThen(conf -> conf.edit("pop3xserver.xml", xml -> xml.replace("</auth>", oidc.oidcConfiguration() + "</auth>")))
            .andThen(conf -> conf.edit("usersrepository.xml", xml -> xml.replace("<algorithm>PBKDF2-SHA512</algorithm>", "<algorithm>SHA-512</algorithm>"))));
        FuzzedJames fuzzed = new FuzzedJames(home, server, oidc);
        try {
            server.start();
            for (Account account : fuzzed.accounts) {
                fuzzed.james.addUser(account.address(), account.password());
                fuzzed.refill(account, 0);
            }
            return fuzzed;
        } catch (Exception | Error e) {
            // James's threads would keep the fuzzing JVM alive after a failed start
            fuzzed.close();
            throw e;
        }
    }

    int pop3Port() {
        return james.pop3Port();
    }

    @Override
    public List<Account> accounts() {
        return accounts;
    }

    @Override
    public String validToken(Account account) {
        return validTokens.compute(account, (ignored, token) -> token == null || token.isStale()
            ? new SignedToken(oidc.token(account.address()), Instant.now())
            : token).token();
    }

    @Override
    public String expiredToken(Account account) {
        return expiredTokens.computeIfAbsent(account, ignored -> oidc.expiredToken(account.address()));
    }

    @Override
    public String forgedToken(Account account) {
        return forgedTokens.computeIfAbsent(account, ignored -> oidc.forgedToken(account.address()));
    }

    /**
     * Delivers messages over SMTP until the account holds {@value #MESSAGES} again, and waits until POP3 shows them:
     * after a session that expunged (QUIT after DELE), the next input finds the same maildrop.
     */
    void refill(Account account, int holding) {
        for (int count = holding; count < MESSAGES; count++) {
            james.smtp().deliver("sender@pop3x-tests.local", account.address(), message(account, count));
        }
        Instant deadline = Instant.now().plus(DELIVERY_TIMEOUT);
        while (Maildrops.count(pop3Port(), account) < MESSAGES) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(account.address() + " did not get its messages within " + DELIVERY_TIMEOUT);
            }
            sleep(Duration.ofMillis(20));
        }
    }

    private static String message(Account account, int index) {
        if (index % 2 == 0) {
            return Messages.text("sender@pop3x-tests.local", account.address(), "short", "hello\n");
        }
        return Messages.text("sender@pop3x-tests.local", account.address(), "stuffed",
            "first line\n.starts with a dot\n..two dots\n.\n\nafter an empty line\n" + "x".repeat(300) + "\nlast\n");
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops James and the identity provider, and deletes the James home with its maildrops. */
    @Override
    public void close() {
        server.stop();
        oidc.close();
        try (Stream<Path> files = Files.walk(home)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + home, e);
        }
    }

    private record SignedToken(String token, Instant signedAt) {
        boolean isStale() {
            return signedAt.plus(TOKEN_REFRESH).isBefore(Instant.now());
        }
    }
}
