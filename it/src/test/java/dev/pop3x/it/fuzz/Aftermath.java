package dev.pop3x.it.fuzz;

import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * What must hold once a fuzzed session is over, however it ended: every account can log in again at once (the
 * server learns of a dropped connection a moment later, and a login waits for it), so no session is left holding
 * a maildrop's lock; and James logged no error. A maildrop a session emptied is refilled, so that the next input
 * finds the same server. The accounts are checked side by side: a login is a third of an input's time.
 */
final class Aftermath implements AutoCloseable {
    private final FuzzedJames james;
    private final ServerErrors errors;
    private final ExecutorService checkers;

    Aftermath(FuzzedJames james, ServerErrors errors) {
        this.james = james;
        this.errors = errors;
        this.checkers = Executors.newFixedThreadPool(james.accounts().size(), runnable -> {
            Thread thread = new Thread(runnable, "pop3x-fuzz-aftermath");
            thread.setDaemon(true);
            return thread;
        });
    }

    void check(Transcript transcript) {
        List<CompletableFuture<Void>> checks = james.accounts().stream()
            .map(account -> CompletableFuture.runAsync(() -> check(account, transcript), checkers))
            .collect(Collectors.toList());
        try {
            CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Finding) {
                throw (Finding) e.getCause();
            }
            throw e;
        }
        errors.assertNone(transcript);
    }

    private void check(Account account, Transcript transcript) {
        int count = loginAgain(account, transcript);
        if (count < FuzzedJames.MESSAGES) {
            james.refill(account, count);
        }
    }

    /** The server makes a login wait for a session that is ending (lock.wait): one login must get the maildrop. */
    private int loginAgain(Account account, Transcript transcript) {
        OptionalInt count = Maildrops.stat(james.pop3Port(), account);
        if (count.isEmpty()) {
            throw new Finding("The maildrop of " + account.address() + " is still locked after the session ended"
                + " (-ERR [IN-USE])\n" + transcript);
        }
        return count.getAsInt();
    }

    @Override
    public void close() {
        checkers.shutdownNow();
    }
}
