package dev.pop3x.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

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
            .hasMessageStartingWith("pop3x.properties: unknown key 'capa.implemntation'; known keys are [capa.implementation");
    }

    @Test
    void integersAreCheckedAgainstTheirRange() {
        Setting<Integer> days = Setting.integer("expire.days", 30, 0, 3650);
        assertThat(SettingsFile.of(Map.of("expire.days", "0"), java.util.List.of(days)).get(days)).isZero();
        assertThatThrownBy(() -> SettingsFile.of(Map.of("expire.days", "-1"), java.util.List.of(days)).get(days))
            .hasMessage("pop3x.properties: invalid value '-1' for key 'expire.days': expected an integer from 0 to 3650");
    }

    @Test
    void flagsAreTrueOrFalse() {
        Setting<Boolean> dryRun = Setting.flag("policy.dry-run", false);
        assertThat(SettingsFile.of(Map.of("policy.dry-run", "TRUE"), java.util.List.of(dryRun)).get(dryRun)).isTrue();
        assertThatThrownBy(() -> SettingsFile.of(Map.of("policy.dry-run", "yes"), java.util.List.of(dryRun)).get(dryRun))
            .hasMessageEndingWith("expected true or false");
    }
}
