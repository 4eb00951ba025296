package dev.pop3x.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.james.core.Username;
import org.junit.jupiter.api.Test;

import dev.pop3x.Pop3xSettings;
import dev.pop3x.auth.BrakeSettings;
import dev.pop3x.policy.PolicySettings;
import dev.pop3x.protocol.CapaSettings;
import dev.pop3x.protocol.ImplementationAdvertising;
import dev.pop3x.protocol.SessionSettings;

class SettingsFileTest {
    @Test
    void anAbsentKeyTakesItsDefault() {
        assertThat(SettingsFile.empty().get(CapaSettings.IMPLEMENTATION)).isEqualTo(ImplementationAdvertising.ALWAYS);
    }

    @Test
    void enumValuesAreWrittenInLowerCaseWithDashes() {
        SettingsFile file = SettingsFile.of(Map.of("capa.implementation", " After-Login "), Pop3xSettings.ALL);
        assertThat(file.get(CapaSettings.IMPLEMENTATION)).isEqualTo(ImplementationAdvertising.AFTER_LOGIN);
    }

    @Test
    void anInvalidValueNamesTheKeyTheValueAndWhatIsExpected() {
        SettingsFile file = SettingsFile.of(Map.of("capa.implementation", "sometimes"), Pop3xSettings.ALL);
        assertThatThrownBy(() -> file.get(CapaSettings.IMPLEMENTATION))
            .isInstanceOf(InvalidSettingException.class)
            .hasMessage("pop3x.properties: invalid value 'sometimes' for key 'capa.implementation': "
                + "expected one of always, after-login, never")
            .extracting(e -> ((InvalidSettingException) e).key()).isEqualTo("capa.implementation");
    }

    @Test
    void anUnknownKeyIsRefused() {
        assertThatThrownBy(() -> SettingsFile.of(Map.of("capa.implemntation", "never"), Pop3xSettings.ALL))
            .isInstanceOf(InvalidSettingException.class)
            .hasMessageStartingWith("pop3x.properties: unknown key 'capa.implemntation'; known keys are [")
            .hasMessageContaining("capa.implementation");
    }

    @Test
    void aPerUserSettingTakesTheUsersValueThenTheDomainsThenTheDefault() {
        SettingsFile file = SettingsFile.of(Map.of(
            "login-delay.seconds", "60",
            "login-delay.seconds[example.com]", "900",
            "login-delay.seconds[Bob@Example.com]", "0"), Pop3xSettings.ALL);
        PerUser<Integer> delay = file.getPerUser(SessionSettings.LOGIN_DELAY);
        assertThat(delay.forUser(Username.of("bob@example.com"))).isZero();
        assertThat(delay.forUser(Username.of("alice@example.com"))).isEqualTo(900);
        assertThat(delay.forUser(Username.of("carol@example.org"))).isEqualTo(60);
        assertThat(delay.variesPerUser()).isTrue();
    }

    @Test
    void aScopeOnASettingThatHasNoneIsRefused() {
        assertThatThrownBy(() -> SettingsFile.of(Map.of("maildrop.lock[example.com]", "false"), Pop3xSettings.ALL))
            .hasMessage("pop3x.properties: 'maildrop.lock' cannot be set per domain or per user (key 'maildrop.lock[example.com]')");
    }

    @Test
    void aScopeMustBeADomainOrAUser() {
        assertThatThrownBy(() -> SettingsFile.of(Map.of("expire.days[@example.com]", "3"), Pop3xSettings.ALL))
            .hasMessageStartingWith("pop3x.properties: key 'expire.days[@example.com]': '@example.com' is neither a domain nor a user@domain");
    }

    @Test
    void aPerUserValueIsValidatedLikeTheDefault() {
        SettingsFile file = SettingsFile.of(Map.of("expire.days[example.com]", "soon"), Pop3xSettings.ALL);
        assertThatThrownBy(() -> file.getPerUser(PolicySettings.EXPIRE))
            .hasMessage("pop3x.properties: invalid value 'soon' for key 'expire.days[example.com]': expected never or a number of days from 0 to 36500");
    }

    @Test
    void durationsHaveAUnit() {
        SettingsFile file = SettingsFile.of(Map.of("brake.max-delay", "30s", "brake.initial-delay", "250ms"), Pop3xSettings.ALL);
        assertThat(file.get(BrakeSettings.MAX_DELAY)).isEqualTo(Duration.ofSeconds(30));
        assertThat(file.get(BrakeSettings.INITIAL_DELAY)).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(() -> SettingsFile.of(Map.of("brake.max-delay", "30"), Pop3xSettings.ALL).get(BrakeSettings.MAX_DELAY))
            .hasMessageContaining("expected a duration from 0s to 5m");
    }

    @Test
    void integersAreCheckedAgainstTheirRange() {
        Setting<Integer> days = Setting.integer("expire.days", 30, 0, 3650);
        assertThat(SettingsFile.of(Map.of("expire.days", "0"), List.of(days)).get(days)).isZero();
        assertThatThrownBy(() -> SettingsFile.of(Map.of("expire.days", "-1"), List.of(days)).get(days))
            .hasMessage("pop3x.properties: invalid value '-1' for key 'expire.days': expected an integer from 0 to 3650");
    }

    @Test
    void flagsAreTrueOrFalse() {
        Setting<Boolean> dryRun = Setting.flag("policy.dry-run", false);
        assertThat(SettingsFile.of(Map.of("policy.dry-run", "TRUE"), List.of(dryRun)).get(dryRun)).isTrue();
        assertThatThrownBy(() -> SettingsFile.of(Map.of("policy.dry-run", "yes"), List.of(dryRun)).get(dryRun))
            .hasMessageEndingWith("expected true or false");
    }
}
