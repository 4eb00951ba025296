package dev.pop3x.policy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

import org.apache.james.core.Username;

import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.maildrop.QuotaUsage;

/**
 * The message a POP3-only user sees first when their mailbox passes {@code notice.threshold} percent: how full it
 * is and what the deletion policy will do. POP3 clients show no IMAP QUOTA, so this is how such users learn it.
 * It is generated, never stored, counts towards no quota. It speaks of the usage rounded down to a multiple of 5
 * percent, which its unique-id names: a client that leaves mail on the server fetches it once per step, and a
 * unique-id always stands for the same text (only its Date, of fixed width, says when it was generated).
 */
public final class QuotaNotice {
    private static final DateTimeFormatter RFC_5322 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);

    private final MaildropMessage message;
    private final byte[] content;

    private QuotaNotice(MaildropMessage message, byte[] content) {
        this.message = message;
        this.content = content;
    }

    /** The notice for this usage, or empty when the usage is below the threshold. */
    public static Optional<QuotaNotice> of(Username user, QuotaUsage usage, UserPolicy settings, int threshold, Instant now) {
        int percent = usage.percentFull();
        if (percent < threshold) {
            return Optional.empty();
        }
        int bucket = Math.min(percent, 100) / 5 * 5;
        String uniqueId = "pop3x-quota-notice-" + bucket;
        String domain = user.getDomainPart().map(d -> d.asString()).orElse("localhost");
        String text = "From: \"Mail server\" <postmaster@" + domain + ">\r\n"
            + "To: <" + user.asString() + ">\r\n"
            + "Subject: " + headline(bucket) + "\r\n"
            + "Date: " + RFC_5322.format(now.atOffset(ZoneOffset.UTC)) + "\r\n"
            + "Message-ID: <" + uniqueId + "." + user.asString().replace('@', '.') + "@pop3x>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n"
            + "\r\n"
            + headline(bucket) + " (" + describe(usage) + ").\r\n"
            + "\r\n"
            + whatHappens(settings) + "\r\n"
            + "\r\n"
            + "This message comes from the server each time you check your mail while the mailbox is this full.\r\n"
            + "It is not stored, and it does not count towards your quota.\r\n";
        byte[] content = text.getBytes(StandardCharsets.US_ASCII);
        return Optional.of(new QuotaNotice(new MaildropMessage(uniqueId, content.length, now, Optional.empty()), content));
    }

    private static String headline(int bucket) {
        return bucket >= 100 ? "Your mailbox is full" : "Your mailbox is at least " + bucket + "% full";
    }

    /** The limits, which do not change with every message. */
    private static String describe(QuotaUsage usage) {
        StringBuilder text = new StringBuilder("limit: ");
        if (usage.maxOctets().isPresent()) {
            text.append(megabytes(usage.maxOctets().getAsLong()));
        }
        if (usage.maxMessages().isPresent()) {
            text.append(usage.maxOctets().isPresent() ? ", " : "").append(usage.maxMessages().getAsLong()).append(" messages");
        }
        return text.toString();
    }

    private static String megabytes(long octets) {
        return String.format(Locale.ROOT, "%.1f MB", octets / 1_000_000.0);
    }

    private static String whatHappens(UserPolicy settings) {
        StringBuilder text = new StringBuilder();
        if (settings.highPercent().isPresent()) {
            text.append("When it is ").append(settings.highPercent().getAsInt()).append("% full, mail you have already downloaded is ")
                .append("removed from the server, oldest first, until it is ").append(settings.lowPercent()).append("% full. ");
        }
        if (settings.expiry().days().isPresent()) {
            text.append("Mail you have downloaded is removed from the server ").append(settings.expiry().days().getAsInt())
                .append(" days after you downloaded it. ");
        }
        if (text.length() == 0) {
            return "When it is full, new mail to you will be returned to its senders: delete mail you no longer need.";
        }
        return text.append("Mail you have not downloaded yet is never removed.").toString();
    }

    public MaildropMessage message() {
        return message;
    }

    public byte[] content() {
        return content.clone();
    }
}
