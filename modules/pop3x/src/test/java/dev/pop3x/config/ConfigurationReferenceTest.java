package dev.pop3x.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.pop3x.Pop3xSettings;

/** The configuration reference (docs/configuration.md) and the sample pop3x.properties name every setting pop3x reads. */
class ConfigurationReferenceTest {
    private static final Path REPOSITORY = Path.of("../..");

    @Test
    void theConfigurationReferenceDocumentsEverySettingWithItsDefault() throws IOException {
        String reference = Files.readString(REPOSITORY.resolve("docs/configuration.md"));
        for (Setting<?> setting : Pop3xSettings.ALL) {
            assertThat(reference).contains("| `" + setting.key() + "` | `" + setting.printedDefault() + "` |");
        }
    }

    @Test
    void theSamplePropertiesFileShowsEverySettingWithItsDefault() throws IOException {
        String sample = Files.readString(REPOSITORY.resolve("conf/pop3x.properties"));
        for (Setting<?> setting : Pop3xSettings.ALL) {
            assertThat(sample).contains(setting.key() + "=" + setting.printedDefault());
        }
    }
}
