package dev.pop3x.devices;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.pop3x.maildrop.MaildropMessage;

class DeviceStateTest {
    private static final Instant FIRST = Instant.parse("2026-12-01T10:00:00.250Z");
    private static final MaildropMessage OLD = new MaildropMessage("old", 10, FIRST.minus(Duration.ofDays(2)), Optional.empty());
    private static final MaildropMessage NEW = new MaildropMessage("new", 10, FIRST.plusSeconds(5), Optional.empty());

    @Test
    void aNoteReadsBackAsItWasWritten() {
        DeviceState state = DeviceState.first("phone", FIRST, Set.of("old")).withDeleted(Set.of("new"));

        DeviceState read = DeviceState.parse("phone", state.format()).orElseThrow();

        assertThat(read.first()).isEqualTo(FIRST);
        assertThat(read.seen()).isEqualTo(FIRST);
        assertThat(read.deleted()).containsExactly("new");
        assertThat(read.lists(OLD, OptionalInt.empty())).isFalse();
    }

    @Test
    void aNoteWithoutItsTimesIsNone() {
        assertThat(DeviceState.parse("phone", "deleted abc\n")).isEmpty();
        assertThat(DeviceState.parse("phone", "first x\nseen 1\n")).isEmpty();
    }

    @Test
    void aDeviceSeesWhatArrivedAfterItsFirstLoginAndWithHistoryDaysWhatCameJustBefore() {
        DeviceState state = DeviceState.first("tablet", FIRST, Set.of("old"));

        assertThat(state.sees(NEW, OptionalInt.empty())).isTrue();
        assertThat(state.sees(OLD, OptionalInt.empty())).isFalse();
        assertThat(state.sees(OLD, OptionalInt.of(3))).isTrue();
        assertThat(state.sees(OLD, OptionalInt.of(1))).isFalse();
    }

    @Test
    void whatItDeletedItNoLongerListsAndMessagesGoneAreForgotten() {
        DeviceState state = DeviceState.first("phone", FIRST, Set.of("old")).withDeleted(Set.of("new"));

        assertThat(state.lists(NEW, OptionalInt.empty())).isFalse();
        assertThat(state.seenAt(FIRST.plusSeconds(60), Set.of("old")).deleted()).isEmpty();
    }

    @Test
    void aDeviceNotSeenForForgetAfterNoLongerCounts() {
        DeviceState state = DeviceState.first("phone", FIRST, Set.of());

        assertThat(state.isActive(FIRST.plus(Duration.ofDays(29)), Duration.ofDays(30))).isTrue();
        assertThat(state.isActive(FIRST.plus(Duration.ofDays(31)), Duration.ofDays(30))).isFalse();
    }
}
