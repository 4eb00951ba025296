package dev.pop3x.webadmin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;

import dev.pop3x.protocol.OpenSessions;
import dev.pop3x.protocol.SessionSummary;
import spark.Request;
import spark.Service;

/**
 * The POP3 sessions open on this James node, in WebAdmin, from {@code webadmin.properties}
 * ({@code extensions.routes=dev.pop3x.webadmin.SessionRoutes}):
 *
 * <pre>
 * GET    /pop3x/sessions[?user=]   each session: id, user, device, address, tls, state, since, commands, octetsSent
 * DELETE /pop3x/sessions/{id}      closes it as a dropped connection ends: nothing it marked deleted is expunged,
 *                                  its maildrop released (204; 404 when no such session is open)
 * DELETE /pop3x/sessions?user=     closes every session of the user: {"closed": n}
 * </pre>
 */
public final class SessionRoutes implements Routes {
    static final String BASE = "/pop3x/sessions";

    private final OpenSessions sessions;
    private final JsonTransformer json;

    @Inject
    public SessionRoutes(OpenSessions sessions, JsonTransformer json) {
        this.sessions = sessions;
        this.json = json;
    }

    @Override
    public String getBasePath() {
        return BASE;
    }

    @Override
    public void define(Service service) {
        service.get(BASE, (request, response) -> sessions.list(user(request)).stream()
            .map(SessionRoutes::entry)
            .collect(Collectors.toList()), json);
        service.delete(BASE + "/:id", (request, response) -> {
            if (!sessions.close(request.params("id"), requester(request))) {
                throw ErrorResponder.builder().statusCode(HttpStatus.NOT_FOUND_404).type(ErrorResponder.ErrorType.NOT_FOUND)
                    .message("No POP3 session " + request.params("id") + " is open on this node").haltError();
            }
            response.status(HttpStatus.NO_CONTENT_204);
            return "";
        });
        service.delete(BASE, (request, response) -> {
            Username user = user(request).orElseThrow(() -> BadRequest.because("Name the user whose sessions to close: ?user="));
            return Map.of("closed", sessions.closeAll(user, requester(request)));
        }, json);
    }

    private static Optional<Username> user(Request request) {
        String user = request.queryParams("user");
        if (user == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Username.of(user));
        } catch (IllegalArgumentException e) {
            throw BadRequest.because("Not a user name: " + user);
        }
    }

    /** Who asked, for the log line: the WebAdmin client's address. */
    private static String requester(Request request) {
        return "WebAdmin client " + request.ip();
    }

    private static Map<String, Object> entry(SessionSummary session) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", session.id());
        entry.put("user", session.user().orElse(null));
        entry.put("device", session.device().orElse(null));
        entry.put("address", session.address());
        entry.put("tls", session.tls());
        entry.put("state", session.state());
        entry.put("since", session.since().toString());
        entry.put("commands", session.commands());
        entry.put("octetsSent", session.octetsSent());
        return entry;
    }
}
