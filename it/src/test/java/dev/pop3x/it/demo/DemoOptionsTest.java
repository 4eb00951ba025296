package dev.pop3x.it.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pop3x.it.ListenPorts;

class DemoOptionsTest {
    @Test
    void withoutFlagsOrEnvironmentTheDemoUsesThePortsOfConf() {
        assertThat(DemoOptions.parse(List.of(), Map.of()).ports()).isEqualTo(new ListenPorts(1110, 1995, 2525, 8000));
    }

    @Test
    void anEnvironmentVariableChangesAPort() {
        assertThat(DemoOptions.parse(List.of(), Map.of("POP3X_DEMO_SMTP_PORT", "2526")).ports())
            .isEqualTo(new ListenPorts(1110, 1995, 2526, 8000));
    }

    @Test
    void aFlagWinsOverTheEnvironment() {
        assertThat(DemoOptions.parse(List.of("--pop3-port", "1111", "--webadmin-port", "8001"),
            Map.of("POP3X_DEMO_POP3_PORT", "1112")).ports())
            .isEqualTo(new ListenPorts(1111, 1995, 2525, 8001));
    }

    @Test
    void unknownFlagsAndBadNumbersAreExplained() {
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--imap-port", "143"), Map.of()))
            .hasMessageStartingWith("Unknown or incomplete option '--imap-port'");
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--pop3-port"), Map.of()))
            .hasMessageStartingWith("Unknown or incomplete option '--pop3-port'");
        assertThatThrownBy(() -> DemoOptions.parse(List.of(), Map.of("POP3X_DEMO_POP3_PORT", "70000")))
            .hasMessage("Not a TCP port: 70000");
    }
}
