package dev.pop3x.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.apache.james.core.Username;
import org.junit.jupiter.api.Test;

import dev.pop3x.maildrop.QuotaUsage;

class QuotaNoticeTest {
    private static final Username BOB = Username.of("bob@example.com");
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final UserPolicy POLICY = new UserPolicy(Expiry.days(30), 90, 70);

    private static QuotaUsage storage(long octets) {
        return new QuotaUsage(octets, OptionalLong.of(10_000_000), 12, OptionalLong.empty());
    }

    private static String text(QuotaNotice notice) {
        return new String(notice.content(), StandardCharsets.US_ASCII);
    }

    @Test
    void belowTheThresholdThereIsNoNotice() {
        assertThat(QuotaNotice.of(BOB, storage(7_999_999), POLICY, 80, NOW)).isEmpty();
    }

    @Test
    void theNoticeSaysHowFullTheMailboxIsAndWhatThePolicyWillDo() {
        QuotaNotice notice = QuotaNotice.of(BOB, storage(8_700_000), POLICY, 80, NOW).orElseThrow();

        assertThat(text(notice)).contains(
            "Subject: Your mailbox is at least 85% full\r\n",
            "\r\n\r\nYour mailbox is at least 85% full (limit: 10.0 MB).\r\n",
            "When it is 90% full, mail you have already downloaded is removed from the server, oldest first, until it is 70% full. "
                + "Mail you have downloaded is removed from the server 30 days after you downloaded it. "
                + "Mail you have not downloaded yet is never removed.\r\n");
        assertThat(notice.message().octets()).isEqualTo(notice.content().length);
        assertThat(notice.message().retrieved()).isEmpty();
    }

    @Test
    void theUniqueIdAndTheTextOnlyChangeWithEachStepOfFivePercent() {
        QuotaNotice first = QuotaNotice.of(BOB, storage(8_500_000), POLICY, 80, NOW).orElseThrow();
        QuotaNotice later = QuotaNotice.of(BOB, storage(8_999_999), POLICY, 80, NOW).orElseThrow();
        QuotaNotice fuller = QuotaNotice.of(BOB, storage(9_000_000), POLICY, 80, NOW).orElseThrow();

        assertThat(later.message().uniqueId()).isEqualTo(first.message().uniqueId()).isEqualTo("pop3x-quota-notice-85");
        assertThat(later.content()).isEqualTo(first.content());
        assertThat(fuller.message().uniqueId()).isEqualTo("pop3x-quota-notice-90");
    }

    @Test
    void aFullMailboxWithoutPolicyTellsTheUserToDeleteMail() {
        QuotaNotice notice = QuotaNotice.of(BOB, new QuotaUsage(5, OptionalLong.empty(), 1000, OptionalLong.of(1000)),
            new UserPolicy(Expiry.NEVER, OptionalInt.empty(), 80), 80, NOW).orElseThrow();

        assertThat(text(notice)).contains("Subject: Your mailbox is full\r\n", "(limit: 1000 messages)",
            "When it is full, new mail to you will be returned to its senders: delete mail you no longer need.");
    }

    @Test
    void theNoticeIsAPlainRfc5322MessageWithCrlfLines() {
        String text = text(QuotaNotice.of(BOB, storage(9_500_000), POLICY, 80, NOW).orElseThrow());

        assertThat(text).startsWith("From: \"Mail server\" <postmaster@example.com>\r\nTo: <bob@example.com>\r\n")
            .contains("Date: Thu, 26 Nov 2026 12:00:00 +0000\r\n")
            .doesNotContain("\n\n").doesNotContainPattern("[^\r]\n");
    }
}
