package dev.pop3x.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pop3x.Pop3xSettings;

class BrakeSettingsTest {
    private final BrakeSettings settings = new BrakeSettings(Pop3xSettings.defaults());

    @Test
    void theFirstFailuresAreFree() {
        assertThat(settings.delayAfter(1)).isZero();
        assertThat(settings.delayAfter(2)).isZero();
    }

    @Test
    void theDelayDoublesFromTheInitialDelay() {
        assertThat(settings.delayAfter(3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.delayAfter(4)).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.delayAfter(5)).isEqualTo(Duration.ofSeconds(4));
        assertThat(settings.delayAfter(6)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void theDelayStopsGrowingAtTheMaximum() {
        assertThat(settings.delayAfter(7)).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.delayAfter(1_000_000)).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void aMaximumBelowTheInitialDelayIsRefused() {
        assertThatThrownBy(() -> new BrakeSettings(Pop3xSettings.of(Map.of("brake.initial-delay", "10s", "brake.max-delay", "5s"))))
            .hasMessage("pop3x.properties: 'brake.max-delay' (5s) must not be shorter than 'brake.initial-delay' (10s)");
    }
}
