package dev.pop3x.devices;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import dev.pop3x.maildrop.MaildropMessage;

/**
 * What pop3x remembers of one device of a user, in the maildrop's note {@link DeviceNotes#DEVICES}: when it first logged
 * in, when it was last seen, the unique-ids of the messages the maildrop held at its first login (which it does not
 * see, unless received within {@code devices.history-days} of that login), and those of the messages it deleted
 * (hidden from it from then on). Times are in milliseconds; unique-ids of messages gone are pruned at each save.
 */
public final class DeviceState {
    private final String name;
    private final Instant first;
    private final Instant seen;
    private final Set<String> before;
    private final Set<String> deleted;

    public DeviceState(String name, Instant first, Instant seen, Set<String> before, Set<String> deleted) {
        this.name = name;
        this.first = first;
        this.seen = seen;
        this.before = Set.copyOf(before);
        this.deleted = Set.copyOf(deleted);
    }

    /** Reads a device's part of the note; lines that do not parse are skipped, a state without its times is none. */
    static Optional<DeviceState> parse(String name, String note) {
        Instant first = null;
        Instant seen = null;
        Set<String> before = new LinkedHashSet<>();
        Set<String> deleted = new LinkedHashSet<>();
        for (String line : note.split("\n")) {
            try {
                if (line.startsWith("first ")) {
                    first = Instant.ofEpochMilli(Long.parseLong(line.substring(6)));
                } else if (line.startsWith("seen ")) {
                    seen = Instant.ofEpochMilli(Long.parseLong(line.substring(5)));
                } else if (line.startsWith("before ") && MaildropMessage.isUniqueId(line.substring(7))) {
                    before.add(line.substring(7));
                } else if (line.startsWith("deleted ") && MaildropMessage.isUniqueId(line.substring(8))) {
                    deleted.add(line.substring(8));
                }
            } catch (NumberFormatException e) {
                // a corrupt time: the note counts as none
                return Optional.empty();
            }
        }
        if (first == null || seen == null) {
            return Optional.empty();
        }
        return Optional.of(new DeviceState(name, first, seen, before, deleted));
    }

    String format() {
        StringBuilder note = new StringBuilder()
            .append("first ").append(first.toEpochMilli()).append('\n')
            .append("seen ").append(seen.toEpochMilli()).append('\n');
        before.forEach(uniqueId -> note.append("before ").append(uniqueId).append('\n'));
        deleted.forEach(uniqueId -> note.append("deleted ").append(uniqueId).append('\n'));
        return note.toString();
    }

    public String name() {
        return name;
    }

    public Instant first() {
        return first;
    }

    public Instant seen() {
        return seen;
    }

    public Set<String> deleted() {
        return deleted;
    }

    /** A device logging in for the first time, while the maildrop holds these messages. */
    static DeviceState first(String name, Instant when, Set<String> present) {
        return new DeviceState(name, when, when, present, Set.of());
    }

    /** The same device seen again now, forgetting messages no longer in the maildrop. */
    DeviceState seenAt(Instant when, Set<String> present) {
        return new DeviceState(name, first, when, retained(before, present), retained(deleted, present));
    }

    DeviceState withDeleted(Set<String> more) {
        Set<String> all = new LinkedHashSet<>(deleted);
        all.addAll(more);
        return new DeviceState(name, first, seen, before, all);
    }

    private static Set<String> retained(Set<String> uniqueIds, Set<String> present) {
        Set<String> kept = new LinkedHashSet<>(uniqueIds);
        kept.retainAll(present);
        return kept;
    }

    /** Whether it still counts: seen within {@code devices.forget-after}. */
    boolean isActive(Instant now, Duration forgetAfter) {
        return !seen.plus(forgetAfter).isBefore(now);
    }

    /**
     * Whether the device sees the message, deleted or not: it arrived after the device's first login, or within
     * {@code devices.history-days} before it.
     */
    boolean sees(MaildropMessage message, OptionalInt historyDays) {
        if (!before.contains(message.uniqueId())) {
            return true;
        }
        return historyDays.isPresent() && !message.received().isBefore(first.minus(Duration.ofDays(historyDays.getAsInt())));
    }

    /** Whether the device lists the message: it sees it and has not deleted it. */
    boolean lists(MaildropMessage message, OptionalInt historyDays) {
        return sees(message, historyDays) && !deleted.contains(message.uniqueId());
    }
}
