package dev.pop3x.protocol;

import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.auth.Authentication;
import dev.pop3x.devices.DeviceLogin;
import dev.pop3x.devices.Devices;
import dev.pop3x.log.Untrusted;

/**
 * Device tags in login names, taken off before the credentials are checked, so that the {@code Authenticator} sees
 * user names only: {@code bob+phone@example.com}, as the user name or as SASL PLAIN's authorization identity, is
 * bob@example.com on his phone, when {@code devices.enabled} for bob and unless the name as written is a user of its
 * own. Runs off the event loop (the users repository may be a call away).
 */
final class DeviceTags {
    private static final Logger LOGGER = LoggerFactory.getLogger(DeviceTags.class);

    private final Devices devices;
    private final UsersRepository users;

    @Inject
    DeviceTags(Devices devices, UsersRepository users) {
        this.devices = devices;
        this.users = users;
    }

    /** A login's names with their device tag taken off, and the device the tag named. */
    static final class Untagged {
        private final String authenticationId;
        private final Optional<String> authorizationId;
        private final Optional<DeviceLogin> device;

        private Untagged(String authenticationId, Optional<String> authorizationId, Optional<DeviceLogin> device) {
            this.authenticationId = authenticationId;
            this.authorizationId = authorizationId;
            this.device = device;
        }

        String authenticationId() {
            return authenticationId;
        }

        Optional<String> authorizationId() {
            return authorizationId;
        }

        /** The outcome of the check for the tagged device: a success opening the tagged user's own maildrop. */
        Authentication onDevice(Authentication authentication) {
            return device.isPresent() && authentication.outcome() == Authentication.Outcome.SUCCESS
                && authentication.maildropOwner().equals(device.get().user())
                ? authentication.onDevice(device.get().device())
                : authentication;
        }
    }

    /**
     * @param authenticationId who the password belongs to, perhaps with a device tag
     * @param authorizationId whose maildrop to open (SASL PLAIN's authzid), perhaps the user's own with a device tag
     */
    Untagged untag(String authenticationId, Optional<String> authorizationId) {
        Optional<DeviceLogin> onDevice = deviceLogin(authenticationId);
        if (onDevice.isPresent()) {
            return new Untagged(onDevice.get().user().asString(), authorizationId, onDevice);
        }
        Optional<DeviceLogin> requested = authorizationId.flatMap(this::deviceLogin);
        if (requested.isPresent()) {
            return new Untagged(authenticationId, Optional.of(requested.get().user().asString()), requested);
        }
        return new Untagged(authenticationId, authorizationId, Optional.empty());
    }

    /**
     * The name the brute-force brake counts a login under: without a device tag, whoever the user (a tag must not
     * give a guesser a fresh user); read from the name alone, before any check.
     */
    static String brakeName(String name) {
        return DeviceLogin.parse(name).map(login -> login.user().asString()).orElse(name);
    }

    /** A name with a device tag of a user who may use devices, unless the name as written is a user of its own. */
    private Optional<DeviceLogin> deviceLogin(String name) {
        Optional<DeviceLogin> parsed = DeviceLogin.parse(name);
        if (parsed.isEmpty() || !devices.enabled(parsed.get().user())) {
            return Optional.empty();
        }
        try {
            if (Untrusted.isPrintable(name) && users.contains(Username.of(name.strip()))) {
                return Optional.empty();
            }
            return parsed;
        } catch (UsersRepositoryException | IllegalArgumentException e) {
            LOGGER.warn("Cannot look up {}", Untrusted.word(name), e);
            return Optional.empty();
        }
    }
}
