package dev.pop3x.webadmin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Domain;
import org.apache.james.core.Username;
import org.apache.james.task.TaskManager;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.tasks.TaskFromRequest;
import org.apache.james.webadmin.utils.JsonTransformer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.pop3x.migration.UidlImporter;
import dev.pop3x.migration.UidlMap;
import dev.pop3x.migration.pull.Credentials;
import dev.pop3x.migration.pull.OldServer;
import dev.pop3x.migration.pull.UidlPuller;
import spark.Request;
import spark.Service;

/**
 * The UIDL import and pull in WebAdmin, from {@code webadmin.properties}
 * ({@code extensions.routes=...,dev.pop3x.webadmin.UidlImportRoutes}):
 *
 * <pre>
 * POST /pop3x/uidls/users/{user}?task=import[&amp;dryRun=true]   body: {@link UidlMap}'s JSON
 * POST /pop3x/uidls/users/{user}?task=pull[&amp;dryRun=true]     body: the old server ({@link PullRequest}), password in a header
 * POST /pop3x/uidls?task=import[&amp;dryRun=true]                body: {"file": (a path on this node)} or the maps ({@link BulkMapFile})
 * POST /pop3x/uidls?task=pull[&amp;dryRun=true]                  body: the old server, a master user (password in a header) or a
 *                                                           "passwordFile", and "users": [{"user": ...}] or "domain"
 * </pre>
 *
 * A malformed request is refused at once (400, naming the entry); each runs as a James task whose details
 * ({@code GET /tasks/<id>}) say what matched, per user for the bulk forms. James's WebAdmin logs every request's
 * body: passwords never come in one; they go to {@link PullSecrets}, never into a task, its details or a log line. A
 * map file is read one user at a time.
 */
public final class UidlImportRoutes implements Routes {
    static final String BASE = "/pop3x/uidls";

    private final UidlImporter importer;
    private final UsersRepository users;
    private final TaskManager taskManager;
    private final JsonTransformer json;
    private final Clock clock;
    private final UidlPuller puller;
    private final PullSecrets secrets;

    @Inject
    public UidlImportRoutes(UidlImporter importer, UsersRepository users, TaskManager taskManager, JsonTransformer json, Clock clock,
                            UidlPuller puller, PullSecrets secrets) {
        this.importer = importer;
        this.users = users;
        this.taskManager = taskManager;
        this.json = json;
        this.clock = clock;
        this.puller = puller;
        this.secrets = secrets;
    }

    @Override
    public String getBasePath() {
        return BASE;
    }

    @Override
    public void define(Service service) {
        TaskFromRequest userTask = request -> {
            String task = request.queryParams("task");
            if ("pull".equals(task)) {
                return pull(request, UserParameter.existing(request, users));
            }
            if (!"import".equals(task)) {
                throw BadRequest.because("Use ?task=import or ?task=pull (and &dryRun=true to only report what would match)");
            }
            Username user = UserParameter.existing(request, users);
            return new UidlImportTask(importer, user, map(request), dryRun(request), clock);
        };
        service.post(BASE + "/users/:user", userTask.asRoute(taskManager), json);
        TaskFromRequest bulkTask = request -> {
            String task = request.queryParams("task");
            if ("pull".equals(task)) {
                return bulkPull(request);
            }
            if (!"import".equals(task)) {
                throw BadRequest.because("Use ?task=import or ?task=pull (and &dryRun=true to only report what would match)");
            }
            return bulkImport(request);
        };
        service.post(BASE, bulkTask.asRoute(taskManager), json);
    }

    private UidlPullTask pull(Request request, Username user) {
        boolean dryRun = dryRun(request);
        try {
            JsonNode root = PullRequest.parse(request.body());
            OldServer server = PullRequest.server(root);
            String login = PullRequest.login(root, user.asString());
            Optional<Credentials> master = PullRequest.master(root, header(request, PullRequest.MASTER_PASSWORD_HEADER));
            Optional<Credentials> own = header(request, PullRequest.PASSWORD_HEADER).map(password -> Credentials.ofUser(login, password));
            if (master.isEmpty() == own.isEmpty()) {
                throw new IllegalArgumentException("give either the user's password (" + PullRequest.PASSWORD_HEADER
                    + " header) or a \"master\" user");
            }
            String secret = secrets.hold(new PullSecrets.Secret(master, own.map(credentials -> Map.of(user, credentials)).orElse(Map.of())));
            return new UidlPullTask(puller, secrets, user, login, server, secret, dryRun, clock);
        } catch (IllegalArgumentException e) {
            throw BadRequest.because("Invalid pull: " + e.getMessage());
        }
    }

    private static Optional<String> header(Request request, String name) {
        return Optional.ofNullable(request.headers(name));
    }

    private UidlBulkPullTask bulkPull(Request request) throws UsersRepositoryException, IOException {
        boolean dryRun = dryRun(request);
        try {
            JsonNode root = PullRequest.parse(request.body());
            OldServer server = PullRequest.server(root);
            Optional<Credentials> master = PullRequest.master(root, header(request, PullRequest.MASTER_PASSWORD_HEADER));
            Map<String, String> passwords = PullRequest.passwordFile(root);
            int concurrency = root.path("concurrency").asInt(4);
            if (concurrency < 1 || concurrency > UidlBulkPullTask.MAX_CONCURRENCY) {
                throw new IllegalArgumentException("concurrency must be from 1 to " + UidlBulkPullTask.MAX_CONCURRENCY);
            }
            if (root.has("domain") == root.has("users")) {
                throw new IllegalArgumentException("give either \"users\": [...] or \"domain\"");
            }
            if (root.has("domain")) {
                if (master.isEmpty()) {
                    throw new IllegalArgumentException("a pull for a whole domain needs a \"master\" user");
                }
                Domain domain = Domain.of(root.path("domain").asText());
                String secret = secrets.hold(new PullSecrets.Secret(master, Map.of()));
                return new UidlBulkPullTask(puller, secrets, users, server, List.of(), Optional.of(domain), secret, dryRun, concurrency, clock);
            }
            List<UidlBulkPullTask.Target> targets = new ArrayList<>();
            Map<Username, Credentials> own = new HashMap<>();
            JsonNode list = root.get("users");
            if (!list.isArray() || list.isEmpty()) {
                throw new IllegalArgumentException("\"users\" must be a non-empty array");
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode node = list.get(i);
                if (!node.path("user").isTextual()) {
                    throw new IllegalArgumentException("users[" + i + "]: expected an object with a \"user\" string");
                }
                Username user = Username.of(node.get("user").asText());
                if (!users.contains(user)) {
                    throw new IllegalArgumentException("users[" + i + "]: no user " + user.asString());
                }
                String login = PullRequest.login(node, user.asString());
                String password = passwords.get(user.asString());
                if (password == null && master.isEmpty()) {
                    throw new IllegalArgumentException("users[" + i + "]: no password in the \"passwordFile\", and no \"master\" user");
                }
                if (password != null) {
                    own.put(user, Credentials.ofUser(login, password));
                }
                targets.add(new UidlBulkPullTask.Target(user, login));
            }
            String secret = secrets.hold(new PullSecrets.Secret(master, own));
            return new UidlBulkPullTask(puller, secrets, users, server, targets, Optional.empty(), secret, dryRun, concurrency, clock);
        } catch (IllegalArgumentException e) {
            throw BadRequest.because("Invalid pull: " + e.getMessage());
        }
    }

    /**
     * The bulk import: the maps in a file on this node ({@code {"file": "/path"}}), read where they are and kept; or
     * in the body (which James's WebAdmin reads whole and logs: for small sets), spooled to a file deleted after the
     * task. Either is checked one user at a time before the task is made.
     */
    private UidlBulkImportTask bulkImport(Request request) throws IOException {
        boolean dryRun = dryRun(request);
        JsonNode file = fileReference(request.body());
        if (file != null) {
            Path maps = Path.of(file.asText());
            check(maps);
            return new UidlBulkImportTask(importer, users, maps, false, dryRun, clock);
        }
        Path spooled = Files.createTempFile("pop3x-uidl-maps-", ".json");
        try {
            Files.writeString(spooled, request.body(), StandardCharsets.UTF_8);
            check(spooled);
            return new UidlBulkImportTask(importer, users, spooled, true, dryRun, clock);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spooled);
            throw e;
        }
    }

    /** The {@code "file"} of a body that is only {@code {"file": "/path"}}; null for a body of maps. */
    private static JsonNode fileReference(String body) {
        if (body.length() > 4096) {
            return null;
        }
        try {
            JsonNode root = new ObjectMapper().readTree(body);
            JsonNode file = root == null ? null : root.get("file");
            return file != null && file.isTextual() && root.size() == 1 ? file : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static void check(Path maps) throws IOException {
        try {
            BulkMapFile.read(maps, (user, map) -> {
            });
        } catch (NoSuchFileException e) {
            throw BadRequest.because("Invalid UIDL maps: no file " + maps + " on this James node");
        } catch (IllegalArgumentException e) {
            throw BadRequest.because("Invalid UIDL maps: " + e.getMessage());
        }
    }

    private static UidlMap map(Request request) {
        try {
            return UidlMap.parse(request.body());
        } catch (IllegalArgumentException e) {
            throw BadRequest.because("Invalid UIDL map: " + e.getMessage());
        }
    }

    private static boolean dryRun(Request request) {
        String value = request.queryParams("dryRun");
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw BadRequest.because("dryRun must be true or false, not '" + value + "'");
    }
}
