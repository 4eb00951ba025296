package dev.pop3x;

import javax.inject.Singleton;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

import dev.pop3x.config.BuildInfo;
import dev.pop3x.config.CapaSettings;
import dev.pop3x.config.SettingsFile;
import dev.pop3x.config.SettingsFiles;

/**
 * The Guice module James loads from {@code extensions.properties}
 * ({@code guice.extension.module=dev.pop3x.Pop3xModule}). It binds what pop3x's handlers share: the build's
 * identity and the settings read, and validated, once from {@code pop3x.properties}.
 */
public final class Pop3xModule extends AbstractModule {

    @Provides
    @Singleton
    BuildInfo buildInfo() {
        return BuildInfo.fromJar();
    }

    @Provides
    @Singleton
    SettingsFile settingsFile(PropertiesProvider propertiesProvider) throws ConfigurationException {
        return SettingsFiles.read(propertiesProvider);
    }

    @Provides
    @Singleton
    CapaSettings capaSettings(SettingsFile file) {
        return CapaSettings.from(file);
    }
}
