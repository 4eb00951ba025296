package dev.pop3x.devices;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.maildrop.MaildropNotes;

/**
 * POP3 from several devices, and DELE that hides: opens the {@link SessionView} a session sees, registering a device at
 * its first login ({@code devices.max} at most that count) and noting when each is seen, and reads the devices of a
 * maildrop for WebAdmin. The devices' states and the messages hidden from POP3 are the maildrop's notes
 * {@link DeviceNotes#DEVICES} and {@link DeviceNotes#HIDDEN}, changed under the user's notes lock.
 */
public final class Devices {
    private static final Logger LOGGER = LoggerFactory.getLogger(Devices.class);

    private final DeviceSettings settings;
    private final Clock clock;

    @Inject
    public Devices(DeviceSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Whether the user may log in with a device tag. */
    public boolean enabled(Username user) {
        return settings.enabled().forUser(user);
    }

    /**
     * The maildrop as the session sees it, for the whole maildrop or one device (registered at its first login).
     *
     * @throws TooManyDevices a new device, when {@code devices.max} devices count already
     */
    public SessionView open(Username user, Optional<String> device, Maildrop maildrop) throws MaildropException, TooManyDevices {
        MaildropNotes notes = maildrop.notes();
        HiddenMessages hidden = HiddenMessages.of(maildrop, settings.deleAction().forUser(user));
        if (device.isEmpty()) {
            return new SessionView(maildrop, hidden, Optional.empty());
        }
        String name = device.get();
        Instant now = clock.instant();
        Duration forgetAfter = settings.forgetAfter().forUser(user);
        int max = settings.max().forUser(user);
        Set<String> present = maildrop.messages().stream().map(MaildropMessage::uniqueId).collect(Collectors.toSet());
        // counting the devices and registering this one are one step for every session of the user
        SortedMap<String, DeviceState> devices = notes.update(DeviceNotes.DEVICES, current -> {
            SortedMap<String, DeviceState> all = new TreeMap<>(current.orElse(Collections.emptySortedMap()));
            DeviceState known = all.get(name);
            if (known != null) {
                all.put(name, known.seenAt(now, present));
            } else if (all.values().stream().filter(other -> other.isActive(now, forgetAfter)).count() < max) {
                all.put(name, DeviceState.first(name, now, present));
                LOGGER.info("New device {} of {}: sees the mail that arrives from now on{}", name, user.asString(),
                    settings.historyDays().forUser(user).isPresent()
                        ? " and the last " + settings.historyDays().forUser(user).getAsInt() + " days'" : "");
            }
            return all;
        });
        if (!devices.containsKey(name)) {
            throw new TooManyDevices(user, name, max);
        }
        return new SessionView(maildrop, hidden,
            Optional.of(new SessionView.Device(devices.get(name), settings.historyDays().forUser(user), forgetAfter, now)));
    }

    /** What WebAdmin shows of one device. */
    public static final class DeviceReport {
        private final DeviceState state;
        private final boolean counting;
        private final int pending;

        DeviceReport(DeviceState state, boolean counting, int pending) {
            this.state = state;
            this.counting = counting;
            this.pending = pending;
        }

        public String name() {
            return state.name();
        }

        public Instant firstLogin() {
            return state.first();
        }

        public Instant lastSeen() {
            return state.seen();
        }

        /** Whether it counts: seen within {@code devices.forget-after}. */
        public boolean counting() {
            return counting;
        }

        /** Messages it would list at its next login. */
        public int pending() {
            return pending;
        }

        /** Messages it deleted that are still in the maildrop for other devices. */
        public int deleted() {
            return state.deleted().size();
        }
    }

    /** The user's devices and what each would see now. */
    public List<DeviceReport> report(Username user, Maildrop maildrop) throws MaildropException {
        Instant now = clock.instant();
        Set<String> hidden = maildrop.notes().read(DeviceNotes.HIDDEN).orElse(Set.of());
        OptionalInt historyDays = settings.historyDays().forUser(user);
        Duration forgetAfter = settings.forgetAfter().forUser(user);
        List<DeviceReport> reports = new ArrayList<>();
        for (DeviceState state : maildrop.notes().read(DeviceNotes.DEVICES).orElse(Collections.emptySortedMap()).values()) {
            int pending = (int) maildrop.messages().stream()
                .filter(message -> !hidden.contains(message.uniqueId()) && state.lists(message, historyDays))
                .count();
            reports.add(new DeviceReport(state, state.isActive(now, forgetAfter), pending));
        }
        return reports;
    }

    /**
     * Forgets a device: it no longer counts, and logs in again as a new one. The caller holds the device's lock
     * (no session of the device is open).
     */
    public boolean forget(Maildrop maildrop, String device) throws MaildropException {
        AtomicBoolean known = new AtomicBoolean();
        maildrop.notes().update(DeviceNotes.DEVICES, current -> {
            SortedMap<String, DeviceState> all = new TreeMap<>(current.orElse(Collections.emptySortedMap()));
            known.set(all.remove(device) != null);
            return all;
        });
        return known.get();
    }
}
