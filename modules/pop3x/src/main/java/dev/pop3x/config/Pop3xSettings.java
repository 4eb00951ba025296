package dev.pop3x.config;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The table of every setting pop3x reads from {@code pop3x.properties}, one list per concern. */
public final class Pop3xSettings {
    public static final List<Setting<?>> ALL = Stream.of(CapaSettings.ALL, MaildropSettings.ALL, JamesBackendSettings.ALL, MaildirSettings.ALL, CassandraSettings.ALL, DeviceSettings.ALL, SessionSettings.ALL, PolicySettings.ALL, BrakeSettings.ALL)
        .flatMap(List::stream)
        .collect(Collectors.toUnmodifiableList());

    private Pop3xSettings() {
    }
}
