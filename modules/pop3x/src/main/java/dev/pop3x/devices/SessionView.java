package dev.pop3x.devices;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.pop3x.maildrop.ForwardingMaildrop;
import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropMessage;

/**
 * The maildrop as one POP3 session sees it, made by {@link Devices#open} at login: without the messages hidden from
 * POP3 ({@link HiddenMessages}), and, for a session with a device tag, as that device sees it (the mail since its
 * first login, less what it deleted). Its {@link #expunge} is the UPDATE state of the client's DELEs: without a
 * device, the messages are removed ({@code dele.action}: expunged or hidden); with one, they are hidden from that
 * device, and removed for everyone once every device that counts has deleted them. Everything else, the deletion
 * policy included, reaches the maildrop itself ({@link #maildrop()}).
 */
public final class SessionView extends ForwardingMaildrop {
    private final HiddenMessages hidden;
    private final Optional<Device> device;
    private final List<MaildropMessage> listed;

    SessionView(Maildrop maildrop, HiddenMessages hidden, Optional<Device> device) {
        super(maildrop);
        this.hidden = hidden;
        this.device = device;
        // the common case lists the maildrop as it is, without a copy (a message object each: 1.5 MB for 10,000)
        this.listed = hidden.none() && device.isEmpty()
            ? maildrop.messages()
            : maildrop.messages().stream()
                .filter(message -> !hidden.hides(message))
                .filter(message -> device.map(session -> session.state.lists(message, session.historyDays)).orElse(true))
                .collect(Collectors.toUnmodifiableList());
    }

    /** The maildrop itself, for the deletion policy. */
    public Maildrop maildrop() {
        return delegate();
    }

    /** A session's device: its state as of its login, and what decides which devices count. */
    static final class Device {
        private final DeviceState state;
        private final OptionalInt historyDays;
        private final Duration forgetAfter;
        private final Instant now;

        Device(DeviceState state, OptionalInt historyDays, Duration forgetAfter, Instant now) {
            this.state = state;
            this.historyDays = historyDays;
            this.forgetAfter = forgetAfter;
            this.now = now;
        }
    }

    @Override
    public List<MaildropMessage> messages() {
        return listed;
    }

    /**
     * Under the user's notes lock: this device's deletions are saved, the other devices' states read, and what every
     * device has now deleted is expunged (or hidden) in the same step, so that two sessions ending at once neither
     * both miss nor both make the decision.
     */
    @Override
    public void expunge(Collection<MaildropMessage> deleted) throws MaildropException {
        if (device.isEmpty()) {
            hidden.remove(deleted);
            return;
        }
        Device session = device.get();
        String name = session.state.name();
        Set<String> uniqueIds = deleted.stream().map(MaildropMessage::uniqueId).collect(Collectors.toCollection(LinkedHashSet::new));
        delegate().notes().update(DeviceNotes.DEVICES, current -> {
            SortedMap<String, DeviceState> devices = new TreeMap<>(current.orElse(Collections.emptySortedMap()));
            DeviceState mine = devices.getOrDefault(name, session.state).withDeleted(uniqueIds);
            devices.put(name, mine);
            List<DeviceState> others = devices.values().stream()
                .filter(other -> !other.name().equals(name) && other.isActive(session.now, session.forgetAfter))
                .collect(Collectors.toList());
            List<MaildropMessage> everywhere = new ArrayList<>();
            for (MaildropMessage message : deleted) {
                if (others.stream().noneMatch(other -> other.lists(message, session.historyDays))) {
                    everywhere.add(message);
                }
            }
            if (!everywhere.isEmpty()) {
                hidden.remove(everywhere);
            }
            return devices;
        });
    }
}
