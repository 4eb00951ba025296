package dev.pop3x.webadmin;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.james.core.Domain;
import org.apache.james.core.Username;
import org.apache.james.task.Task;
import org.apache.james.task.TaskExecutionDetails;
import org.apache.james.task.TaskType;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.common.util.concurrent.ThreadFactoryBuilder;

import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.migration.UidlImporter;
import dev.pop3x.migration.pull.Credentials;
import dev.pop3x.migration.pull.OldServer;
import dev.pop3x.migration.pull.PullFailure;
import dev.pop3x.migration.pull.UidlPuller;

/**
 * A UIDL pull for a list of users or every user of a domain, from one previous server, as one James task: at most
 * {@code concurrency} users at once, each on its own connection; a user the old server refuses, or whose maildrop is
 * in use, is reported in its result and the others go on. The passwords are in {@link PullSecrets}.
 */
public final class UidlBulkPullTask implements Task {
    public static final TaskType TYPE = TaskType.of("pop3x-uidl-bulk-pull");
    static final int MAX_CONCURRENCY = 16;

    private static final Logger LOGGER = LoggerFactory.getLogger(UidlBulkPullTask.class);

    /** A user of the pull and their login on the old server. */
    static final class Target {
        private final Username user;
        private final String login;

        Target(Username user, String login) {
            this.user = user;
            this.login = login;
        }

        Username user() {
            return user;
        }

        String login() {
            return login;
        }
    }

    private final UidlPuller puller;
    private final PullSecrets secrets;
    private final UsersRepository usersRepository;
    private final OldServer server;
    private final List<Target> targets;
    private final Optional<Domain> domain;
    private final String secretId;
    private final boolean dryRun;
    private final int concurrency;
    private final Clock clock;
    private final BulkProgress progress = new BulkProgress();
    private volatile Optional<String> failure = Optional.empty();

    UidlBulkPullTask(UidlPuller puller, PullSecrets secrets, UsersRepository usersRepository, OldServer server, List<Target> targets,
                     Optional<Domain> domain, String secretId, boolean dryRun, int concurrency, Clock clock) {
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency must be from 1 to " + MAX_CONCURRENCY + ", not " + concurrency);
        }
        this.puller = puller;
        this.secrets = secrets;
        this.usersRepository = usersRepository;
        this.server = server;
        this.targets = List.copyOf(targets);
        this.domain = domain;
        this.secretId = secretId;
        this.dryRun = dryRun;
        this.concurrency = concurrency;
        this.clock = clock;
    }

    @Override
    public Result run() {
        Optional<PullSecrets.Secret> secret = secrets.take(secretId);
        if (secret.isEmpty()) {
            failure = Optional.of(PullSecrets.missing());
            return Result.PARTIAL;
        }
        List<Target> users;
        try {
            users = users();
        } catch (UsersRepositoryException e) {
            failure = Optional.of("Listing the users of " + domain.map(Domain::asString).orElse("the pull") + " failed: " + e.getMessage());
            return Result.PARTIAL;
        }
        progress.users(users.size());
        ExecutorService pool = Executors.newFixedThreadPool(concurrency,
            new ThreadFactoryBuilder().setNameFormat("pop3x-uidl-pull-%d").setDaemon(true).build());
        try {
            for (Target target : users) {
                pool.execute(() -> progress.done(pull(target, secret.get())));
            }
            pool.shutdown();
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                LOGGER.debug("Bulk UIDL pull: {} users of {} done", progress.snapshot(clock.instant()).done(), users.size());
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            failure = Optional.of("Cancelled");
            return Result.PARTIAL;
        }
        return progress.anyFailed() ? Result.PARTIAL : Result.COMPLETED;
    }

    private List<Target> users() throws UsersRepositoryException {
        if (domain.isEmpty()) {
            return targets;
        }
        List<Target> users = new ArrayList<>();
        for (Iterator<Username> all = usersRepository.list(); all.hasNext(); ) {
            Username user = all.next();
            if (user.getDomainPart().filter(domain.get()::equals).isPresent()) {
                users.add(new Target(user, user.asString()));
            }
        }
        return users;
    }

    private UserResult pull(Target target, PullSecrets.Secret secret) {
        String user = target.user().asString();
        Optional<Credentials> credentials = secret.forUser(target.user(), target.login());
        if (credentials.isEmpty()) {
            return UserResult.failed(user, "No password for " + user + " and no master user");
        }
        try {
            return UserResult.of(user, puller.pull(target.user(), server, credentials.get(), dryRun).pairing());
        } catch (PullFailure | UidlImporter.InUse e) {
            return UserResult.failed(user, e.getMessage());
        } catch (MaildropException | RuntimeException e) {
            LOGGER.warn("The UIDL pull of {} failed", user, e);
            return UserResult.failed(user, "The store failed: " + e.getMessage());
        }
    }

    OldServer server() {
        return server;
    }

    List<Target> targets() {
        return targets;
    }

    Optional<Domain> domain() {
        return domain;
    }

    String secretId() {
        return secretId;
    }

    boolean dryRun() {
        return dryRun;
    }

    int concurrency() {
        return concurrency;
    }

    @Override
    public TaskType type() {
        return TYPE;
    }

    @Override
    public Optional<TaskExecutionDetails.AdditionalInformation> details() {
        BulkProgress.Snapshot now = progress.snapshot(clock.instant());
        return Optional.of(new Details(dryRun, Optional.of(server.toString()), now.users(), now.done(), now.failed(), now.results(), failure,
            now.timestamp()));
    }

    /** The bulk pull's progress and per-user results. */
    public static final class Details extends BulkDetails {
        public Details(boolean dryRun, Optional<String> server, int users, int done, int failed, List<UserResult> results,
                       Optional<String> failure, Instant timestamp) {
            super(dryRun, server, users, done, failed, results, failure, timestamp);
        }

    }
}
