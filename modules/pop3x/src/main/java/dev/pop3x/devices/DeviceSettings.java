package dev.pop3x.devices;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;

import javax.inject.Inject;
import javax.inject.Singleton;

import dev.pop3x.config.PerUser;
import dev.pop3x.config.Setting;
import dev.pop3x.config.Settings;

/**
 * POP3 from several devices ({@code dev.pop3x.devices}), per domain and per user: whether a user may log in with a
 * device tag ({@code devices.enabled}), how many devices count at most ({@code devices.max}), what a new device sees
 * ({@code devices.history-days}: mail from that many days before its first login; off: from its first login), when a
 * device stops counting ({@code devices.forget-after} without a login), and what a DELE does once every device has
 * deleted a message, or at once without devices ({@code dele.action}: expunge it, or hide it from POP3 only).
 */
@Singleton
public final class DeviceSettings {
    /** What a POP3 deletion does to the mailbox. */
    public enum DeleAction {
        /** Removes the message (RFC 1939). */
        EXPUNGE,
        /** Hides it from POP3; IMAP and JMAP still show it, and the deletion policy and quota still apply to it. */
        HIDE
    }

    public static final Setting<Boolean> ENABLED = Setting.flag("devices.enabled", false).perUser();
    public static final Setting<Integer> MAX = Setting.integer("devices.max", 5, 1, 100).perUser();
    public static final Setting<OptionalInt> HISTORY_DAYS = Setting.integerOrOff("devices.history-days", OptionalInt.empty(), 0, 3650).perUser();
    public static final Setting<Duration> FORGET_AFTER =
        Setting.duration("devices.forget-after", Duration.ofDays(30), Duration.ofDays(1), Duration.ofDays(3650)).perUser();
    public static final Setting<DeleAction> DELE_ACTION = Setting.oneOf("dele.action", DeleAction.class, DeleAction.EXPUNGE).perUser();

    public static final List<Setting<?>> ALL = List.of(ENABLED, MAX, HISTORY_DAYS, FORGET_AFTER, DELE_ACTION);

    private final Settings values;

    @Inject
    public DeviceSettings(Settings values) {
        this.values = values;
    }

    public PerUser<Boolean> enabled() {
        return values.perUser(ENABLED);
    }

    public PerUser<Integer> max() {
        return values.perUser(MAX);
    }

    public PerUser<OptionalInt> historyDays() {
        return values.perUser(HISTORY_DAYS);
    }

    public PerUser<Duration> forgetAfter() {
        return values.perUser(FORGET_AFTER);
    }

    public PerUser<DeleAction> deleAction() {
        return values.perUser(DELE_ACTION);
    }
}
