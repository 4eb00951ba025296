package dev.pop3x.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.OptionalInt;

import org.apache.james.core.Username;
import org.junit.jupiter.api.Test;

import dev.pop3x.Pop3xSettings;
import dev.pop3x.config.InvalidSettingException;

class PolicySettingsTest {
    private static PolicySettings read(Map<String, String> values) {
        return new PolicySettings(Pop3xSettings.of(values));
    }

    @Test
    void quotaPressureIsOffByDefault() {
        PolicySettings configuration = read(Map.of());

        assertThat(configuration.quotaHigh(Username.of("bob@example.com"))).isEmpty();
        assertThat(configuration.quotaLow(Username.of("bob@example.com"))).isEqualTo(80);
    }

    @Test
    void aLowWatermarkAtTheHighOneIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> read(Map.of("quota.high", "80")))
            .isInstanceOf(InvalidSettingException.class)
            .hasMessage("pop3x.properties: 'quota.low' (80) must be below 'quota.high' (80) for the default")
            .extracting(e -> ((InvalidSettingException) e).key()).isEqualTo("quota.low");
    }

    @Test
    void aDomainWhoseLowWatermarkIsAboveItsHighOneIsRefused() {
        assertThatThrownBy(() -> read(Map.of("quota.high", "95", "quota.high[example.com]", "70")))
            .hasMessage("pop3x.properties: 'quota.low' (80) must be below 'quota.high' (70) for example.com");
    }

    @Test
    void watermarksAreComparedWithinEachScopeNotAcrossScopes() {
        PolicySettings configuration = read(Map.of(
            "quota.high", "95", "quota.low", "90",
            "quota.high[example.com]", "60", "quota.low[example.com]", "40"));

        assertThat(configuration.quotaHigh(Username.of("bob@example.com"))).isEqualTo(OptionalInt.of(60));
        assertThat(configuration.quotaLow(Username.of("bob@example.com"))).isEqualTo(40);
        assertThat(configuration.quotaHigh(Username.of("bob@example.org"))).isEqualTo(OptionalInt.of(95));
    }

    @Test
    void aUserOverrideIsCheckedAgainstTheDomainValueItInherits() {
        assertThatThrownBy(() -> read(Map.of(
            "quota.high", "95", "quota.low", "90",
            "quota.high[example.com]", "60", "quota.low[example.com]", "40",
            "quota.low[bob@example.com]", "70")))
            .hasMessage("pop3x.properties: 'quota.low' (70) must be below 'quota.high' (60) for bob@example.com");
    }

    @Test
    void aPercentOutsideOneToHundredIsRefused() {
        assertThatThrownBy(() -> read(Map.of("quota.high", "101")))
            .isInstanceOf(InvalidSettingException.class)
            .hasMessageContaining("'quota.high'");
        assertThatThrownBy(() -> read(Map.of("notice.threshold", "0")))
            .isInstanceOf(InvalidSettingException.class)
            .hasMessageContaining("'notice.threshold'");
    }

    @Test
    void quotaPressureMeansNoRetentionIsGuaranteed() {
        PolicySettings configuration = read(Map.of("expire.days", "30", "quota.high[example.com]", "90"));

        assertThat(configuration.guaranteedRetention(Username.of("bob@example.com"))).isEqualTo(Expiry.days(0));
        assertThat(configuration.guaranteedRetention(Username.of("bob@example.org"))).isEqualTo(Expiry.days(30));
        assertThat(configuration.guaranteesVaryPerUser()).isTrue();
    }
}
