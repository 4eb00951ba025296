package dev.pop3x.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.maildrop.QuotaUsage;

/**
 * The quota-aware deletion policy, as a pure decision: given a maildrop's messages, its owner's quota and the
 * settings, which messages to expunge now, in order, each with its reason. It never chooses a message no client
 * retrieved, whatever the pressure.
 *
 * <ol>
 * <li>Retrieved mail whose retrieval is {@code expire.days} or more ago goes ({@link Expunction.Reason#EXPIRED}).</li>
 * <li>Then, when a limit (octets or messages) is used at or above {@code quota.high} percent, retrieved mail goes,
 * oldest retrieval first (then oldest delivery, then the maildrop's order), until every such limit is used at or
 * below {@code quota.low} percent, and not one message
 * more.</li>
 * </ol>
 */
public final class DeletionPolicy {
    /** Ties keep the maildrop's order (delivery order), since the sort is stable. */
    private static final Comparator<MaildropMessage> OLDEST_RETRIEVAL_FIRST = Comparator
        .comparing((MaildropMessage message) -> message.retrieved().orElseThrow())
        .thenComparing(MaildropMessage::received);

    private DeletionPolicy() {
    }

    /**
     * @param messages the maildrop's messages, in its order
     */
    public static List<Expunction> decide(List<MaildropMessage> messages, QuotaUsage usage, UserPolicy settings, Instant now) {
        List<MaildropMessage> retrieved = new ArrayList<>();
        for (MaildropMessage message : messages) {
            if (message.retrieved().isPresent()) {
                retrieved.add(message);
            }
        }
        retrieved.sort(OLDEST_RETRIEVAL_FIRST);

        List<Expunction> expunctions = new ArrayList<>();
        List<MaildropMessage> kept = new ArrayList<>();
        QuotaUsage remaining = usage;
        for (MaildropMessage message : retrieved) {
            if (isExpired(message, settings, now)) {
                expunctions.add(new Expunction(message, Expunction.Reason.EXPIRED));
                remaining = remaining.without(message.storedOctets(), 1);
            } else {
                kept.add(message);
            }
        }

        if (settings.highPercent().isEmpty()) {
            return List.copyOf(expunctions);
        }
        int high = settings.highPercent().getAsInt();
        boolean storagePressure = atOrAbove(remaining.octets(), remaining.maxOctets(), high);
        boolean countPressure = atOrAbove(remaining.messages(), remaining.maxMessages(), high);
        for (MaildropMessage message : kept) {
            boolean storageOver = storagePressure && above(remaining.octets(), remaining.maxOctets(), settings.lowPercent());
            boolean countOver = countPressure && above(remaining.messages(), remaining.maxMessages(), settings.lowPercent());
            if (!storageOver && !countOver) {
                break;
            }
            expunctions.add(new Expunction(message, storageOver ? Expunction.Reason.STORAGE_QUOTA : Expunction.Reason.MESSAGE_QUOTA));
            remaining = remaining.without(message.storedOctets(), 1);
        }
        return List.copyOf(expunctions);
    }

    private static boolean isExpired(MaildropMessage message, UserPolicy settings, Instant now) {
        return settings.expiry().days().isPresent()
            && !message.retrieved().orElseThrow().plus(Duration.ofDays(settings.expiry().days().getAsInt())).isAfter(now);
    }

    /** used >= percent% of limit, in integers. */
    private static boolean atOrAbove(long used, OptionalLong limit, int percent) {
        return limit.isPresent() && limit.getAsLong() > 0 && used * 100 >= (long) percent * limit.getAsLong();
    }

    /** used > percent% of limit, in integers. */
    private static boolean above(long used, OptionalLong limit, int percent) {
        return limit.isPresent() && limit.getAsLong() > 0 && used * 100 > (long) percent * limit.getAsLong();
    }
}
