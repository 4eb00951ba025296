package dev.pop3x.webadmin;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.task.TaskManager;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.tasks.TaskFromRequest;
import org.apache.james.webadmin.utils.JsonTransformer;

import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.QuotaUsage;
import dev.pop3x.policy.PolicyReport;
import dev.pop3x.policy.PolicyRunner;
import spark.Request;
import spark.Service;

/**
 * The deletion policy in WebAdmin, from {@code webadmin.properties}
 * ({@code extensions.routes=dev.pop3x.webadmin.PolicyRoutes}):
 *
 * <pre>
 * GET  /pop3x/policy/users/{user}           the user's quota, settings, and what would go now, and why
 * POST /pop3x/policy/users/{user}?task=run  run it for the user, as a James task
 * POST /pop3x/policy?task=run               run it for every user, as a James task
 * </pre>
 */
public final class PolicyRoutes implements Routes {
    static final String BASE = "/pop3x/policy";

    private final PolicyRunner runner;
    private final UsersRepository users;
    private final TaskManager taskManager;
    private final JsonTransformer json;
    private final Clock clock;

    @Inject
    public PolicyRoutes(PolicyRunner runner, UsersRepository users, TaskManager taskManager, JsonTransformer json, Clock clock) {
        this.runner = runner;
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
        service.get(BASE + "/users/:user", (request, response) -> status(user(request)), json);
        TaskFromRequest oneUser = request -> new PolicyTask(runner, Optional.of(runTask(request, user(request))), clock);
        TaskFromRequest everyone = request -> new PolicyTask(runner, runTask(request, Optional.empty()), clock);
        service.post(BASE + "/users/:user", oneUser.asRoute(taskManager), json);
        service.post(BASE, everyone.asRoute(taskManager), json);
    }

    private static <T> T runTask(Request request, T target) {
        if (!"run".equals(request.queryParams("task"))) {
            throw BadRequest.because("Use ?task=run");
        }
        return target;
    }

    private Username user(Request request) throws UsersRepositoryException {
        return UserParameter.existing(request, users);
    }

    private Map<String, Object> status(Username user) throws MaildropException {
        PolicyReport report = runner.status(user);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("user", user.asString());
        status.put("usage", usage(report.usage()));
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("expireDays", report.settings().expiry().asSetting());
        settings.put("quotaHigh", report.settings().highPercent().isPresent() ? report.settings().highPercent().getAsInt() : "off");
        settings.put("quotaLow", report.settings().lowPercent());
        settings.put("dryRun", report.dryRun());
        status.put("settings", settings);
        List<Map<String, Object>> wouldGo = report.expunctions().stream().map(expunction -> {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("uidl", expunction.message().uniqueId());
            message.put("octets", expunction.message().storedOctets());
            message.put("reason", expunction.reason().label());
            message.put("retrieved", expunction.message().retrieved().orElseThrow().toString());
            return message;
        }).collect(Collectors.toList());
        status.put("wouldExpunge", wouldGo);
        return status;
    }

    private static Map<String, Object> usage(QuotaUsage usage) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("octets", usage.octets());
        map.put("maxOctets", usage.maxOctets().isPresent() ? usage.maxOctets().getAsLong() : null);
        map.put("messages", usage.messages());
        map.put("maxMessages", usage.maxMessages().isPresent() ? usage.maxMessages().getAsLong() : null);
        map.put("percent", usage.percentFull());
        return map;
    }
}
