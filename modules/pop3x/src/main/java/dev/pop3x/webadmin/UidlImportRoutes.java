package dev.pop3x.webadmin;

import java.time.Clock;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.task.TaskManager;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.tasks.TaskFromRequest;
import org.apache.james.webadmin.utils.JsonTransformer;

import dev.pop3x.migration.UidlImporter;
import dev.pop3x.migration.UidlMap;
import spark.Request;
import spark.Service;

/**
 * The UIDL import in WebAdmin, from {@code webadmin.properties}
 * ({@code extensions.routes=...,dev.pop3x.webadmin.UidlImportRoutes}):
 *
 * <pre>
 * POST /pop3x/uidls/users/{user}?task=import[&amp;dryRun=true]   body: {@link UidlMap}'s JSON
 * </pre>
 *
 * A malformed map is refused at once (400, naming the entry); the import runs as a James task whose details
 * ({@code GET /tasks/<id>}) say what matched.
 */
public final class UidlImportRoutes implements Routes {
    static final String BASE = "/pop3x/uidls";

    private final UidlImporter importer;
    private final UsersRepository users;
    private final TaskManager taskManager;
    private final JsonTransformer json;
    private final Clock clock;

    @Inject
    public UidlImportRoutes(UidlImporter importer, UsersRepository users, TaskManager taskManager, JsonTransformer json, Clock clock) {
        this.importer = importer;
        this.users = users;
        this.taskManager = taskManager;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String getBasePath() {
        return BASE;
    }

    @Override
    public void define(Service service) {
        TaskFromRequest importTask = request -> {
            if (!"import".equals(request.queryParams("task"))) {
                throw UserParameter.badRequest("Use ?task=import (and &dryRun=true to only report what would match)");
            }
            Username user = UserParameter.existing(request, users);
            return new UidlImportTask(importer, user, map(request), dryRun(request), clock);
        };
        service.post(BASE + "/users/:user", importTask.asRoute(taskManager), json);
    }

    private static UidlMap map(Request request) {
        try {
            return UidlMap.parse(request.body());
        } catch (IllegalArgumentException e) {
            throw UserParameter.badRequest("Invalid UIDL map: " + e.getMessage());
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
        throw UserParameter.badRequest("dryRun must be true or false, not '" + value + "'");
    }
}
