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

import dev.pop3x.config.DeviceSettings.DeleAction;
import dev.pop3x.maildrop.ForwardingMaildrop;
import dev.pop3x.maildrop.Maildrop;
import dev.pop3x.maildrop.MaildropException;
import dev.pop3x.maildrop.MaildropMessage;

/**
 * The maildrop as one POP3 session sees it: without the messages hidden from POP3 ({@code dele.action=hide}), and,
 * for a session with a device tag, as that device sees it (the mail since its first login, less what it deleted).
 * Its {@link #expunge} is the UPDATE state of the client's DELEs: without a device, the messages are expunged or
 * hidden ({@code dele.action}); with one, they are hidden from that device, and expunged or hidden for everyone
 * once every device that counts has deleted them. Everything else, the deletion policy included, reaches the
 * maildrop itself ({@link #maildrop()}).
 */
public final class PopView extends ForwardingMaildrop {
    private final DeleAction action;
    private final Optional<Device> device;
    private final Set<String> hiddenAtLogin;
    private final List<MaildropMessage> listed;

    PopView(Maildrop maildrop, DeleAction action, Set<String> hidden, Optional<Device> device) {
        super(maildrop);
        this.action = action;
        this.device = device;
        this.hiddenAtLogin = Set.copyOf(hidden);
        this.listed = maildrop.messages().stream()
            .filter(message -> !hidden.contains(message.uniqueId()))
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
            remove(deleted);
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
                remove(everywhere);
            }
            return devices;
        });
    }

    /** Expunges the messages, or hides them from POP3 ({@code dele.action=hide}) under the user's notes lock. */
    private void remove(Collection<MaildropMessage> messages) throws MaildropException {
        if (action == DeleAction.EXPUNGE) {
            delegate().expunge(messages);
            return;
        }
        Set<String> present = delegate().messages().stream().map(MaildropMessage::uniqueId).collect(Collectors.toSet());
        delegate().notes().update(DeviceNotes.HIDDEN, current -> {
            // as it is now: another device's session may have hidden messages since this one logged in
            Set<String> all = new LinkedHashSet<>(current.orElse(Set.of()));
            messages.forEach(message -> all.add(message.uniqueId()));
            // forget the messages gone: hidden when this session logged in, yet not in its listing; a message missing
            // from the listing but hidden since may be one that arrived after it, hidden by a newer session: it stays
            all.removeIf(uniqueId -> hiddenAtLogin.contains(uniqueId) && !present.contains(uniqueId));
            return all;
        });
    }
}
