package dev.pop3x.protocol;

import java.util.List;

import javax.inject.Inject;
import javax.inject.Singleton;

import dev.pop3x.config.Setting;
import dev.pop3x.config.Settings;

/** Settings of what CAPA tells clients. */
@Singleton
public final class CapaSettings {
    public static final Setting<ImplementationAdvertising> IMPLEMENTATION =
        Setting.oneOf("capa.implementation", ImplementationAdvertising.class, ImplementationAdvertising.ALWAYS);

    public static final List<Setting<?>> ALL = List.of(IMPLEMENTATION);

    private final Settings values;

    @Inject
    public CapaSettings(Settings values) {
        this.values = values;
    }

    public ImplementationAdvertising implementation() {
        return values.get(IMPLEMENTATION);
    }
}
