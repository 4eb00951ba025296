package dev.pop3x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BuildInfoTest {
    @Test
    void theJarKnowsTheVersionMavenBuiltItAs() {
        assertThat(BuildInfo.fromJar().version()).isEqualTo(System.getProperty("pop3x.version"));
    }

    @Test
    void implementationIsProductDashVersion() {
        assertThat(new BuildInfo("1.2.3").implementation()).isEqualTo("pop3x-1.2.3");
    }

    @Test
    void anUnfilteredPlaceholderIsNotAVersion() {
        assertThatThrownBy(() -> new BuildInfo("${project.version}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BuildInfo("1.0 beta")).isInstanceOf(IllegalArgumentException.class);
    }
}
