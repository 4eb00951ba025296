package dev.pop3x.config;

import java.util.List;
import java.util.Objects;

/** Settings of what CAPA tells clients. */
public final class CapaSettings {
    public static final Setting<ImplementationAdvertising> IMPLEMENTATION =
        Setting.oneOf("capa.implementation", ImplementationAdvertising.class, ImplementationAdvertising.ALWAYS);

    static final List<Setting<?>> ALL = List.of(IMPLEMENTATION);

    private final ImplementationAdvertising implementation;

    public CapaSettings(ImplementationAdvertising implementation) {
        this.implementation = Objects.requireNonNull(implementation, "implementation");
    }

    public static CapaSettings from(SettingsFile file) {
        return new CapaSettings(file.get(IMPLEMENTATION));
    }

    public ImplementationAdvertising implementation() {
        return implementation;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CapaSettings && ((CapaSettings) o).implementation == implementation;
    }

    @Override
    public int hashCode() {
        return implementation.hashCode();
    }

    @Override
    public String toString() {
        return "CapaSettings{implementation=" + implementation + "}";
    }
}
