package dev.pop3x.devices;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.maildrop.NoteKind;

/**
 * The two notes devices and {@code dele.action=hide} keep with a maildrop: the only place their names and formats are
 * written. One note each, whatever the number of devices (James allows few annotations per mailbox).
 */
public final class DeviceNotes {
    /** The messages hidden from POP3 ({@code dele.action=hide}): their unique-ids, one a line. */
    public static final NoteKind<Set<String>> HIDDEN = NoteKind.of("hidden", DeviceNotes::parseHidden, DeviceNotes::formatHidden);

    /**
     * Every device of the user, by name: for each, a line {@code device <name>} and then its state
     * ({@link DeviceState}).
     */
    public static final NoteKind<SortedMap<String, DeviceState>> DEVICES = NoteKind.of("devices", DeviceNotes::parseDevices,
        DeviceNotes::formatDevices);

    private static final String DEVICE = "device ";

    private DeviceNotes() {
    }

    private static Optional<Set<String>> parseHidden(String text) {
        Set<String> uniqueIds = text.lines().filter(MaildropMessage::isUniqueId).collect(Collectors.toCollection(LinkedHashSet::new));
        return Optional.of(Collections.unmodifiableSet(uniqueIds));
    }

    private static String formatHidden(Set<String> uniqueIds) {
        return uniqueIds.stream().map(uniqueId -> uniqueId + "\n").collect(Collectors.joining());
    }

    /** A device whose state does not parse is left out; so is the rest of a line that names no device. */
    private static Optional<SortedMap<String, DeviceState>> parseDevices(String text) {
        SortedMap<String, DeviceState> devices = new TreeMap<>();
        String name = null;
        StringBuilder state = new StringBuilder();
        for (String line : (text + "\n" + DEVICE + "-").split("\n")) {
            if (line.startsWith(DEVICE)) {
                if (name != null) {
                    String device = name;
                    DeviceState.parse(device, state.toString()).ifPresent(parsed -> devices.put(device, parsed));
                }
                name = DeviceLogin.isDeviceName(line.substring(DEVICE.length())) ? line.substring(DEVICE.length()) : null;
                state.setLength(0);
            } else {
                state.append(line).append('\n');
            }
        }
        return Optional.of(Collections.unmodifiableSortedMap(devices));
    }

    private static String formatDevices(Map<String, DeviceState> devices) {
        StringBuilder text = new StringBuilder();
        devices.forEach((name, state) -> text.append(DEVICE).append(name).append('\n').append(state.format()));
        return text.toString();
    }
}
