package dev.pop3x;

import java.io.FileNotFoundException;
import java.util.Map;

import javax.inject.Singleton;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.utils.PropertiesProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Provides;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Names;

import dev.pop3x.config.Settings;
import dev.pop3x.config.SettingsFiles;
import dev.pop3x.maildrop.LeasedMaildropLocks;
import dev.pop3x.maildrop.LocalMaildropLocks;
import dev.pop3x.maildrop.MaildropLeases;
import dev.pop3x.maildrop.MaildropLocks;
import dev.pop3x.maildrop.MaildropRouter;
import dev.pop3x.maildrop.MaildropSettings;
import dev.pop3x.maildrop.MaildropStore;
import dev.pop3x.maildrop.QuotaLimitSource;
import dev.pop3x.maildrop.james.JamesMaildropStore;
import dev.pop3x.maildrop.james.JamesQuotaLimits;
import dev.pop3x.maildrop.maildir.MaildirLeases;
import dev.pop3x.maildrop.maildir.MaildirLocation;
import dev.pop3x.maildrop.maildir.MaildirMaildropStore;
import dev.pop3x.maildrop.maildir.MaildirSettings;
import dev.pop3x.policy.DirectorySweepLedger;
import dev.pop3x.policy.LedgerRecordingStore;
import dev.pop3x.policy.PolicySettings;
import dev.pop3x.policy.SweepLedger;
import dev.pop3x.protocol.Texts;
import dev.pop3x.server.Pop3xServers;

/**
 * The Guice module James loads from {@code extensions.properties}
 * ({@code guice.extension.module=dev.pop3x.Pop3xModule}). It binds what pop3x's handlers share: the build's
 * identity, the settings read and validated once at start-up from {@code pop3x.properties}, the response texts, the
 * maildrop backend and its locks, and pop3x's POP3 listeners ({@code pop3xserver.xml}).
 */
public final class Pop3xModule extends AbstractModule {
    private static final Logger LOGGER = LoggerFactory.getLogger(Pop3xModule.class);

    @Override
    protected void configure() {
        MapBinder<String, MaildropStore> backends = MapBinder.newMapBinder(binder(), String.class, MaildropStore.class);
        backends.addBinding(MaildropSettings.JAMES_BACKEND).to(JamesMaildropStore.class).in(Singleton.class);
        backends.addBinding(MaildropSettings.MAILDIR_BACKEND).to(MaildirMaildropStore.class).in(Singleton.class);
        bind(MaildropRouter.class).in(Singleton.class);
        // pop3x's POP3 listeners: started by James (guice.extension.startable), found by WebAdmin's routes
        bind(Pop3xServers.class).in(Singleton.class);
        // every backend, telling the sweep ledger which users have retrieved mail
        bind(MaildropStore.class).to(LedgerRecordingStore.class).in(Singleton.class);
        // the sweep ledger: a directory (policy.sweep-ledger) unless dev.pop3x.cluster.CassandraClusterModule keeps it in Cassandra
        OptionalBinder.newOptionalBinder(binder(), SweepLedger.class).setDefault().to(DirectorySweepLedger.class);
        bind(LocalMaildropLocks.class).in(Singleton.class);
        // this node's locks, with a lease across the nodes: in Cassandra (lock.cassandra-lease, bound by
        // dev.pop3x.cluster.CassandraClusterModule) or in each maildir (lock.maildir-lease)
        OptionalBinder.newOptionalBinder(binder(), Key.get(MaildropLeases.class, Names.named(LeasedMaildropLocks.CLUSTER)));
        MapBinder.newMapBinder(binder(), String.class, MaildropLeases.class, Names.named(LeasedMaildropLocks.PER_BACKEND))
            .addBinding(MaildropSettings.MAILDIR_BACKEND).to(MaildirLeases.class).in(Singleton.class);
        bind(MaildropLocks.class).to(LeasedMaildropLocks.class).in(Singleton.class);
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

    /**
     * Every setting of {@code pop3x.properties}, read and checked at start-up; the settings of each concern
     * ({@code BrakeSettings}, {@code PolicySettings}, ...) are views of it that Guice makes as they are needed.
     */
    @Provides
    @Singleton
    Settings settings(PropertiesProvider propertiesProvider) throws ConfigurationException {
        Settings settings = Settings.resolve(SettingsFiles.read(propertiesProvider, Pop3xSettings.ALL), Pop3xSettings.ALL);
        LOGGER.info("pop3x settings other than their defaults: {}", settings);
        return settings;
    }

    @Provides
    @Singleton
    MaildropSettings maildropSettings(Settings settings, Map<String, MaildropStore> backends) {
        return MaildropSettings.from(settings, backends.keySet());
    }

    @Provides
    @Singleton
    MaildirLocation maildirLocation(MaildirSettings settings, FileSystem fileSystem) throws FileNotFoundException {
        return new MaildirLocation(settings.location(), fileSystem.getBasedir().toPath());
    }

    @Provides
    @Singleton
    DirectorySweepLedger directorySweepLedger(PolicySettings settings, FileSystem fileSystem) throws FileNotFoundException {
        return new DirectorySweepLedger(fileSystem.getBasedir().toPath().resolve(settings.sweepLedger()));
    }
}
