package dev.pop3x.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceTagsTest {

    @Test
    void theBrakeCountsATaggedNameUnderItsUserSoThatATagGivesAGuesserNoFreshUser() {
        assertThat(DeviceTags.brakeName("bob+phone@example.com")).isEqualTo("bob@example.com");
        assertThat(DeviceTags.brakeName("bob+Laptop_2@example.com")).isEqualTo("bob@example.com");
    }

    @Test
    void aNameWithoutADeviceTagIsCountedAsTyped() {
        assertThat(DeviceTags.brakeName("bob@example.com")).isEqualTo("bob@example.com");
        assertThat(DeviceTags.brakeName("bob+not a device@example.com")).isEqualTo("bob+not a device@example.com");
    }
}
