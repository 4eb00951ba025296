package dev.pop3x.webadmin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.webadmin.Routes;
import org.apache.james.webadmin.utils.ErrorResponder;
import org.apache.james.webadmin.utils.JsonTransformer;
import org.eclipse.jetty.http.HttpStatus;

import dev.pop3x.devices.DeviceLogin;
import dev.pop3x.devices.Devices;
import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropLocks;
import dev.pop3x.maildrop.MaildropLocks.MaildropLock;
import dev.pop3x.maildrop.MaildropStore;
import spark.Service;

/**
 * A user's POP3 devices in WebAdmin, from {@code webadmin.properties}
 * ({@code extensions.routes=dev.pop3x.webadmin.DeviceRoutes}):
 *
 * <pre>
 * GET    /pop3x/devices/users/{user}           the user's devices: first login, last seen, whether each counts,
 *                                              messages it would list now, messages it deleted that others keep
 * DELETE /pop3x/devices/users/{user}/{device}  forget a device: it stops counting, and logs in again as a new one
 * </pre>
 */
public final class DeviceRoutes implements Routes {
    static final String BASE = "/pop3x/devices";

    private final Devices devices;
    private final MaildropStore store;
    private final MaildropLocks locks;
    private final UsersRepository users;
    private final JsonTransformer json;

    @Inject
    public DeviceRoutes(Devices devices, MaildropStore store, MaildropLocks locks, UsersRepository users, JsonTransformer json) {
        this.devices = devices;
        this.store = store;
        this.locks = locks;
        this.users = users;
        this.json = json;
    }

    @Override
    public String getBasePath() {
        return BASE;
    }

    @Override
    public void define(Service service) {
        service.get(BASE + "/users/:user", (request, response) -> list(UserParameter.existing(request, users)), json);
        service.delete(BASE + "/users/:user/:device", (request, response) -> {
            Username user = UserParameter.existing(request, users);
            String device = request.params("device");
            if (!DeviceLogin.isDeviceName(device)) {
                throw BadRequest.because("Not a device name (1 to 32 lower-case letters, digits, '-', '_'): " + device);
            }
            // the device's own lock, briefly: no session of it can start or be open while it is forgotten
            Optional<MaildropLock> lock = locks.tryLockBriefly(user, Optional.of(device), "webadmin-forget-device");
            if (lock.isEmpty()) {
                throw ErrorResponder.builder().statusCode(HttpStatus.CONFLICT_409).type(ErrorResponder.ErrorType.INVALID_ARGUMENT)
                    .message("Device " + device + " of " + user.asString() + " is in a POP3 session; try again after it").haltError();
            }
            try (Maildrop maildrop = store.open(user)) {
                if (!devices.forget(maildrop, device)) {
                    throw ErrorResponder.builder().statusCode(HttpStatus.NOT_FOUND_404).type(ErrorResponder.ErrorType.NOT_FOUND)
                        .message(user.asString() + " has no device " + device).haltError();
                }
            } finally {
                lock.get().release();
            }
            response.status(HttpStatus.NO_CONTENT_204);
            return "";
        });
    }

    private List<Map<String, Object>> list(Username user) throws Exception {
        try (Maildrop maildrop = store.open(user)) {
            return devices.report(user, maildrop).stream().map(device -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("device", device.name());
                entry.put("firstLogin", device.firstLogin().toString());
                entry.put("lastSeen", device.lastSeen().toString());
                entry.put("counting", device.counting());
                entry.put("pending", device.pending());
                entry.put("deleted", device.deleted());
                return entry;
            }).collect(Collectors.toList());
        }
    }
}
