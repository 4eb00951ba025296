package dev.pop3x.maildrop.maildir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pop3x.maildrop.QuotaLimits;
import dev.pop3x.maildrop.QuotaUsage;
import dev.pop3x.maildrop.StoreCalls;

/**
 * The Maildir++ quota file {@code maildirsize}, as Courier defined it and Dovecot, maildrop and Postfix patches
 * share it: a first line with the limits ({@code 10000000S,1000C}: octets and messages), then lines of
 * {@code <octets> <messages>} whose sums are the usage. Deliveries and deletions append a line with one write
 * (O_APPEND), which is atomic on local file systems; when the file grows past 5120 octets the usage is counted
 * again from the messages and the file rewritten, as the spec asks. No {@code maildirsize}: no quota.
 */
final class MaildirQuota {
    private static final Logger LOGGER = LoggerFactory.getLogger(MaildirQuota.class);
    static final String FILE = "maildirsize";
    private static final int RECALCULATE_ABOVE_OCTETS = 5120;
    private static final Pattern LIMIT = Pattern.compile("(\\d+)([SC])");

    private final Maildir maildir;

    MaildirQuota(Maildir maildir) {
        this.maildir = maildir;
    }

    /** The limits and usage, or empty when the maildir has no quota. */
    Optional<QuotaUsage> read() throws IOException {
        maildir.counted(StoreCalls.Kind.QUOTA_READ);
        Path file = maildir.root().resolve(FILE);
        if (!QuietFiles.exists(file)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong maxOctets = OptionalLong.empty();
        OptionalLong maxMessages = OptionalLong.empty();
        Matcher limits = LIMIT.matcher(lines.get(0));
        while (limits.find()) {
            long value = Long.parseLong(limits.group(1));
            if (limits.group(2).equals("S")) {
                maxOctets = OptionalLong.of(value);
            } else {
                maxMessages = OptionalLong.of(value);
            }
        }
        long octets = 0;
        long messages = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 2) {
                try {
                    octets += Long.parseLong(fields[0]);
                    messages += Long.parseLong(fields[1]);
                } catch (NumberFormatException e) {
                    LOGGER.warn("Ignoring corrupt line '{}' of {}", line, file);
                }
            }
        }
        return Optional.of(new QuotaUsage(Math.max(0, octets), maxOctets, Math.max(0, messages), maxMessages));
    }

    /**
     * Makes the limits line say the user's limits in James, if James has any (as Dovecot does with the limits of its
     * user database): when the file is missing or states other limits, it is written anew with these and the usage
     * counted from the messages, as the spec asks when limits change.
     */
    void applyLimits(Optional<QuotaLimits> userLimits) throws IOException {
        if (userLimits.isEmpty()) {
            return;
        }
        maildir.counted(StoreCalls.Kind.FILE_READ);
        QuotaLimits limits = userLimits.get();
        String line = limitsLine(limits);
        Path file = maildir.root().resolve(FILE);
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            if (!lines.isEmpty() && lines.get(0).equals(line)) {
                return;
            }
        }
        LOGGER.info("Setting the quota of {} to {}", maildir.root(), limits);
        writeCounted(line);
    }

    /** The Maildir++ limits line: {@code 10000000S,1000C}, {@code 10000000S} or {@code 1000C}. */
    static String limitsLine(QuotaLimits limits) {
        StringBuilder line = new StringBuilder();
        limits.maxOctets().ifPresent(octets -> line.append(octets).append('S'));
        limits.maxMessages().ifPresent(messages -> line.append(line.length() > 0 ? "," : "").append(messages).append('C'));
        return line.toString();
    }

    /** Records a change of usage (a delivery: positive; an expunge: negative). */
    void add(long octets, long messages) throws IOException {
        Path file = maildir.root().resolve(FILE);
        if (!Files.exists(file)) {
            return;
        }
        Files.write(file, (octets + " " + messages + "\n").getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
        if (Files.size(file) > RECALCULATE_ABOVE_OCTETS) {
            recalculate();
        }
    }

    /** Counts the usage from the messages and rewrites the file with its limits line and one usage line. */
    void recalculate() throws IOException {
        List<String> lines = Files.readAllLines(maildir.root().resolve(FILE), StandardCharsets.US_ASCII);
        writeCounted(lines.isEmpty() ? "" : lines.get(0));
    }

    private void writeCounted(String limits) throws IOException {
        maildir.counted(StoreCalls.Kind.FILE_WRITE);
        long octets = 0;
        long messages = 0;
        for (MaildirFile message : maildir.scan()) {
            try {
                octets += Maildir.sizeOf(message);
                messages++;
            } catch (NoSuchFileException gone) {
                // deleted during the count
            }
        }
        maildir.writeAtomically(FILE, (limits + "\n" + octets + " " + messages + "\n").getBytes(StandardCharsets.US_ASCII));
    }
}
