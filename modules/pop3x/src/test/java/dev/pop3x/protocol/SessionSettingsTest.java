package dev.pop3x.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.OptionalInt;

import org.apache.james.core.Username;
import org.junit.jupiter.api.Test;

import dev.pop3x.Pop3xSettings;
import dev.pop3x.config.InvalidSettingException;

class SessionSettingsTest {
    private static final Username BOB = Username.of("bob@example.com");

    private static SessionSettings read(Map<String, String> values) {
        return new SessionSettings(Pop3xSettings.of(values));
    }

    @Test
    void theRedownloadWarningComesAtTwentyMessagesByDefault() {
        assertThat(read(Map.of()).redownloadWarning().forUser(BOB)).isEqualTo(OptionalInt.of(20));
    }

    @Test
    void theRedownloadWarningIsSetPerDomainAndTurnedOffPerUser() {
        SessionSettings settings = read(Map.of("redownload.warning[example.com]", "500", "redownload.warning[bob@example.com]", "off"));

        assertThat(settings.redownloadWarning().forUser(BOB)).isEmpty();
        assertThat(settings.redownloadWarning().forUser(Username.of("alice@example.com"))).isEqualTo(OptionalInt.of(500));
        assertThat(settings.redownloadWarning().forUser(Username.of("carol@example.org"))).isEqualTo(OptionalInt.of(20));
    }

    @Test
    void aRedownloadWarningOfZeroIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> read(Map.of("redownload.warning", "0")))
            .isInstanceOf(InvalidSettingException.class)
            .hasMessageContaining("'redownload.warning'")
            .hasMessageContaining("off or an integer from 1 to 1000000");
    }
}
