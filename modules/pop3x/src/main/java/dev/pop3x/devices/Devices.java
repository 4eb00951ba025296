package dev.pop3x.devices;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.config.DeviceSettings;
import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropLocks;
import dev.pop3x.maildrop.MaildropLocks.NotesLock;
import dev.pop3x.maildrop.MaildropMessage;

/**
 * POP3 from several devices, and DELE that hides: opens the {@link PopView} a session sees, registering a device at
 * its first login ({@code devices.max} at most that count) and noting when each is seen, and reads the devices of a
 * maildrop for WebAdmin. Each device's state is a note of the maildrop ({@link DeviceState}); the messages hidden
 * from POP3 are the note {@value PopView#HIDDEN_NOTE}, one unique-id a line.
 */
public final class Devices {
    private static final Logger LOGGER = LoggerFactory.getLogger(Devices.class);

    private final DeviceSettings settings;
    private final MaildropLocks locks;
    private final Clock clock;

    @Inject
    public Devices(DeviceSettings settings, MaildropLocks locks, Clock clock) {
        this.settings = settings;
        this.locks = locks;
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
    public PopView open(Username user, Optional<String> device, Maildrop maildrop) throws MaildropException, TooManyDevices {
        if (device.isEmpty()) {
            return new PopView(maildrop, settings.deleAction().forUser(user), hidden(maildrop), Optional.empty(), notesLock(user));
        }
        String name = device.get();
        Instant now = clock.instant();
        Duration forgetAfter = settings.forgetAfter().forUser(user);
        Set<String> present = maildrop.messages().stream().map(MaildropMessage::uniqueId).collect(Collectors.toSet());
        Set<String> hidden;
        DeviceState state;
        // counting the devices and registering this one are one step for every session of the user
        try (NotesLock notes = locks.lockNotes(user)) {
            hidden = hidden(maildrop);
            Optional<DeviceState> known = maildrop.note(DeviceState.noteOf(name)).flatMap(note -> DeviceState.parse(name, note));
            if (known.isPresent()) {
                state = known.get().seenAt(now, present);
            } else {
                int max = settings.max().forUser(user);
                long counting = read(maildrop).stream().filter(other -> other.isActive(now, forgetAfter)).count();
                if (counting >= max) {
                    throw new TooManyDevices(user, name, max);
                }
                state = DeviceState.first(name, now, present);
                LOGGER.info("New device {} of {}: sees the mail that arrives from now on{}", name, user.asString(),
                    settings.historyDays().forUser(user).isPresent()
                        ? " and the last " + settings.historyDays().forUser(user).getAsInt() + " days'" : "");
            }
            maildrop.saveNote(DeviceState.noteOf(name), state.format());
        }
        return new PopView(maildrop, settings.deleAction().forUser(user), hidden,
            Optional.of(new PopView.Device(state, settings.historyDays().forUser(user), forgetAfter, now)), notesLock(user));
    }

    private PopView.NotesLocking notesLock(Username user) {
        return () -> locks.lockNotes(user);
    }

    /** Every device the maildrop has a note of, counting or not. */
    static List<DeviceState> read(Maildrop maildrop) throws MaildropException {
        List<DeviceState> devices = new ArrayList<>();
        for (String note : maildrop.noteNames()) {
            Optional<String> device = DeviceState.deviceOf(note);
            if (device.isPresent()) {
                Optional<DeviceState> state = maildrop.note(note).flatMap(content -> DeviceState.parse(device.get(), content));
                state.ifPresent(devices::add);
            }
        }
        return devices;
    }

    static Set<String> hidden(Maildrop maildrop) throws MaildropException {
        return maildrop.note(PopView.HIDDEN_NOTE)
            .map(note -> note.lines().filter(MaildropMessage::isUniqueId).collect(Collectors.toSet()))
            .orElse(Set.of());
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
        Set<String> hidden = hidden(maildrop);
        OptionalInt historyDays = settings.historyDays().forUser(user);
        Duration forgetAfter = settings.forgetAfter().forUser(user);
        List<DeviceReport> reports = new ArrayList<>();
        for (DeviceState state : read(maildrop)) {
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
    public boolean forget(Username user, Maildrop maildrop, String device) throws MaildropException {
        try (NotesLock notes = locks.lockNotes(user)) {
            if (!maildrop.noteNames().contains(DeviceState.noteOf(device))) {
                return false;
            }
            maildrop.deleteNote(DeviceState.noteOf(device));
            return true;
        }
    }
}
