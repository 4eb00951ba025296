package dev.pop3x.config;

import java.util.List;

/** The table of every setting pop3x reads from {@code pop3x.properties}, one list per concern. */
public final class Pop3xSettings {
    public static final List<Setting<?>> ALL = List.copyOf(CapaSettings.ALL);

    private Pop3xSettings() {
    }
}
