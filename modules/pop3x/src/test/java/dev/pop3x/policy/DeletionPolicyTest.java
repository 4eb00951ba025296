package dev.pop3x.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import dev.pop3x.maildrop.MaildropMessage;
import dev.pop3x.maildrop.QuotaUsage;

class DeletionPolicyTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    private static MaildropMessage retrieved(String id, long octets, int daysAgo) {
        return new MaildropMessage(id, octets, NOW.minus(Duration.ofDays(daysAgo + 1)), Optional.of(NOW.minus(Duration.ofDays(daysAgo))));
    }

    private static MaildropMessage unretrieved(String id, long octets) {
        return new MaildropMessage(id, octets, NOW.minus(Duration.ofDays(400)), Optional.empty());
    }

    private static QuotaUsage usage(List<MaildropMessage> messages, long maxOctets, long maxMessages) {
        return new QuotaUsage(messages.stream().mapToLong(MaildropMessage::storedOctets).sum(),
            maxOctets > 0 ? OptionalLong.of(maxOctets) : OptionalLong.empty(),
            messages.size(), maxMessages > 0 ? OptionalLong.of(maxMessages) : OptionalLong.empty());
    }

    private static List<String> decide(List<MaildropMessage> messages, QuotaUsage usage, UserPolicy settings) {
        return DeletionPolicy.decide(messages, usage, settings, NOW).stream().map(Expunction::toString).collect(Collectors.toList());
    }

    @Test
    void retrievedMailExpiresThatManyDaysAfterItsRetrieval() {
        List<MaildropMessage> messages = List.of(retrieved("old", 10, 31), retrieved("exact", 10, 30), retrieved("recent", 10, 29));
        assertThat(decide(messages, QuotaUsage.UNLIMITED, new UserPolicy(Expiry.days(30), 90, 80)))
            .containsExactly("old:expired", "exact:expired");
    }

    @Test
    void neverExpiresNothingAndZeroExpiresEverythingRetrieved() {
        List<MaildropMessage> messages = List.of(retrieved("a", 10, 0), unretrieved("b", 10));
        assertThat(decide(messages, QuotaUsage.UNLIMITED, new UserPolicy(Expiry.NEVER, 90, 80))).isEmpty();
        assertThat(decide(messages, QuotaUsage.UNLIMITED, new UserPolicy(Expiry.days(0), 90, 80))).containsExactly("a:expired");
    }

    @Test
    void unretrievedMailIsNeverChosenEvenAtAFullQuota() {
        List<MaildropMessage> messages = List.of(unretrieved("a", 500), unretrieved("b", 500));
        assertThat(decide(messages, usage(messages, 1000, 0), new UserPolicy(Expiry.days(0), 90, 80))).isEmpty();
    }

    @Test
    void belowTheHighWatermarkNothingGoesForQuota() {
        List<MaildropMessage> messages = List.of(retrieved("a", 100, 5), unretrieved("b", 789));
        assertThat(decide(messages, usage(messages, 1000, 0), new UserPolicy(Expiry.NEVER, 90, 80))).isEmpty();
    }

    @Test
    void atTheHighWatermarkRetrievedMailGoesOldestRetrievalFirstUntilExactlyTheLowWatermark() {
        List<MaildropMessage> messages = List.of(retrieved("newest", 100, 1), retrieved("oldest", 100, 9), retrieved("middle", 100, 5),
            unretrieved("unread", 600));
        // 900 of 1000 octets: 90% reaches high; low is 70%: 200 octets must go, two messages and not three
        assertThat(decide(messages, usage(messages, 1000, 0), new UserPolicy(Expiry.NEVER, 90, 70)))
            .containsExactly("oldest:storage-quota", "middle:storage-quota");
    }

    @Test
    void theMessageCountQuotaActsTheSameWay() {
        List<MaildropMessage> messages = List.of(retrieved("a", 1, 3), retrieved("b", 1, 2), retrieved("c", 1, 1), unretrieved("d", 1),
            unretrieved("e", 1));
        // 5 of 5 messages: 100%; low 60% is 3 messages: two go
        assertThat(decide(messages, usage(messages, 0, 5), new UserPolicy(Expiry.NEVER, 100, 60)))
            .containsExactly("a:message-quota", "b:message-quota");
    }

    @Test
    void expiryComesFirstAndCountsTowardsTheWatermark() {
        List<MaildropMessage> messages = List.of(retrieved("expired", 300, 40), retrieved("old", 300, 10), retrieved("new", 300, 1));
        // 900/1000 at 90%; expiry frees 300 -> 600 = 60% <= low 70%: nothing more goes
        assertThat(decide(messages, usage(messages, 1000, 0), new UserPolicy(Expiry.days(30), 90, 70)))
            .containsExactly("expired:expired");
    }

    @Test
    void whenRetrievedMailIsNotEnoughAllOfItGoesAndNoMore() {
        List<MaildropMessage> messages = List.of(retrieved("only", 100, 1), unretrieved("big", 900));
        assertThat(decide(messages, usage(messages, 1000, 0), new UserPolicy(Expiry.NEVER, 90, 10)))
            .containsExactly("only:storage-quota");
    }

    @Test
    void aSecondRunAfterTheFirstChangesNothing() {
        List<MaildropMessage> messages = List.of(retrieved("a", 300, 40), retrieved("b", 300, 10), retrieved("c", 300, 1), unretrieved("d", 100));
        UserPolicy settings = new UserPolicy(Expiry.days(30), 80, 40);
        List<Expunction> first = DeletionPolicy.decide(messages, usage(messages, 1000, 0), settings, NOW);
        List<MaildropMessage> left = messages.stream()
            .filter(message -> first.stream().noneMatch(expunction -> expunction.message().equals(message)))
            .collect(Collectors.toList());
        assertThat(first).isNotEmpty();
        assertThat(DeletionPolicy.decide(left, usage(left, 1000, 0), settings, NOW)).isEmpty();
    }

    @Test
    void watermarksAreValidated() {
        Assertions.assertThatThrownBy(() -> new UserPolicy(Expiry.NEVER, 80, 80))
            .hasMessageContaining("0 <= low < high <= 100");
        Assertions.assertThatThrownBy(() -> new UserPolicy(Expiry.NEVER, 101, 80))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
