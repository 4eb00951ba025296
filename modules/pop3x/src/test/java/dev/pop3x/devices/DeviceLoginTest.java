package dev.pop3x.devices;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.core.Username;
import org.junit.jupiter.api.Test;

class DeviceLoginTest {
    @Test
    void aTagAfterAPlusInTheLocalPartIsTheDevice() {
        DeviceLogin login = DeviceLogin.parse("bob+Phone@example.com").orElseThrow();

        assertThat(login.user()).isEqualTo(Username.of("bob@example.com"));
        assertThat(login.device()).isEqualTo("phone");
    }

    @Test
    void aNameWithoutDomainMayHaveATagToo() {
        assertThat(DeviceLogin.parse("bob+laptop").orElseThrow().user()).isEqualTo(Username.of("bob"));
    }

    @Test
    void aNameWithoutATagOrWithATagThatIsNoDeviceNameIsNoDeviceLogin() {
        assertThat(DeviceLogin.parse("bob@example.com")).isEmpty();
        assertThat(DeviceLogin.parse("bob+@example.com")).isEmpty();
        assertThat(DeviceLogin.parse("bob+my.phone@example.com")).isEmpty();
        assertThat(DeviceLogin.parse("bob+" + "x".repeat(33) + "@example.com")).isEmpty();
        assertThat(DeviceLogin.parse("bob+a+b@example.com")).isEmpty();
    }
}
