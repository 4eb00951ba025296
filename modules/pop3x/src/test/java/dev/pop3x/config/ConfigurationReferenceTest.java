package dev.pop3x.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The README's configuration reference and the sample pop3x.properties name every setting pop3x reads. */
class ConfigurationReferenceTest {
    private static final Path REPOSITORY = Path.of("../..");

    @Test
    void theReadmeDocumentsEverySettingWithItsDefault() throws IOException {
        String readme = Files.readString(REPOSITORY.resolve("README.md"));
        for (Setting<?> setting : Pop3xSettings.ALL) {
            assertThat(readme).contains("| `" + setting.key() + "` | `" + setting.printedDefault() + "` |");
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
