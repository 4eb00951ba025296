package dev.pop3x;

import java.io.FileNotFoundException;
import java.util.Map;

import javax.inject.Singleton;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.utils.PropertiesProvider;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.MapBinder;

import dev.pop3x.config.BrakeSettings;
import dev.pop3x.config.BuildInfo;
import dev.pop3x.config.CapaSettings;
import dev.pop3x.config.JamesBackendSettings;
import dev.pop3x.config.ListenerAuthSettings;
import dev.pop3x.config.MaildirSettings;
import dev.pop3x.config.MaildropSettings;
import dev.pop3x.config.PolicyConfiguration;
import dev.pop3x.config.SessionSettings;
import dev.pop3x.config.SettingsFile;
import dev.pop3x.config.SettingsFiles;
import dev.pop3x.maildrop.LocalMaildropLocks;
import dev.pop3x.maildrop.MaildropLocks;
import dev.pop3x.maildrop.MaildropRouter;
import dev.pop3x.maildrop.MaildropStore;
import dev.pop3x.maildrop.QuotaLimitSource;
import dev.pop3x.maildrop.james.JamesMaildropStore;
import dev.pop3x.maildrop.james.JamesQuotaLimits;
import dev.pop3x.maildrop.maildir.MaildirLocation;
import dev.pop3x.maildrop.maildir.MaildirMaildropStore;
import dev.pop3x.protocol.HostNameLookups;
import dev.pop3x.protocol.Texts;

/**
 * The Guice module James loads from {@code extensions.properties}
 * ({@code guice.extension.module=dev.pop3x.Pop3xModule}). It binds what pop3x's handlers share: the build's
 * identity, the settings read and validated once at start-up from {@code pop3x.properties} and from the
 * {@code <auth>} blocks of {@code pop3server.xml}, the response texts, the maildrop backend and its locks.
 */
public final class Pop3xModule extends AbstractModule {
    /** James's own mailboxes: the default maildrop backend. */
    public static final String JAMES_BACKEND = "james";
    /** Maildir++ directories shared with Dovecot, Courier and Postfix. */
    public static final String MAILDIR_BACKEND = "maildir";

    @Override
    protected void configure() {
        HostNameLookups.offUnlessConfigured();
        MapBinder<String, MaildropStore> backends = MapBinder.newMapBinder(binder(), String.class, MaildropStore.class);
        backends.addBinding(JAMES_BACKEND).to(JamesMaildropStore.class).in(Singleton.class);
        backends.addBinding(MAILDIR_BACKEND).to(MaildirMaildropStore.class).in(Singleton.class);
        bind(MaildropStore.class).to(MaildropRouter.class).in(Singleton.class);
        bind(MaildropLocks.class).to(LocalMaildropLocks.class).in(Singleton.class);
        // a quota set through James (WebAdmin /quota) also binds the maildir backend's maildrops
        bind(QuotaLimitSource.class).to(JamesQuotaLimits.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    BuildInfo buildInfo() {
        return BuildInfo.fromJar();
    }

    @Provides
    @Singleton
    Texts texts() {
        return Texts.load();
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

    @Provides
    @Singleton
    SessionSettings sessionSettings(SettingsFile file) {
        return SessionSettings.from(file);
    }

    @Provides
    @Singleton
    MaildropSettings maildropSettings(SettingsFile file, Map<String, MaildropStore> backends) {
        return MaildropSettings.from(file, backends.keySet());
    }

    @Provides
    @Singleton
    JamesBackendSettings jamesBackendSettings(SettingsFile file) {
        return JamesBackendSettings.from(file);
    }

    @Provides
    @Singleton
    MaildirSettings maildirSettings(SettingsFile file) {
        return MaildirSettings.from(file);
    }

    @Provides
    @Singleton
    MaildirLocation maildirLocation(MaildirSettings settings, FileSystem fileSystem) throws FileNotFoundException {
        return new MaildirLocation(settings.location(), fileSystem.getBasedir().toPath());
    }

    @Provides
    @Singleton
    PolicyConfiguration policyConfiguration(SettingsFile file) {
        return PolicyConfiguration.from(file);
    }

    @Provides
    @Singleton
    BrakeSettings brakeSettings(SettingsFile file) {
        return BrakeSettings.from(file);
    }

    @Provides
    @Singleton
    ListenerAuthSettings listenerAuthSettings(ConfigurationProvider configurationProvider) throws ConfigurationException {
        return ListenerAuthSettings.parse(configurationProvider.getConfiguration("pop3server"));
    }
}
