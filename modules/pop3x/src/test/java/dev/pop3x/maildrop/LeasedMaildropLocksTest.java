package dev.pop3x.maildrop;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pop3x.Pop3xSettings;
import dev.pop3x.config.InvalidSettingException;
import dev.pop3x.maildrop.maildir.MaildirLeases;
import dev.pop3x.maildrop.maildir.MaildirLocation;

class LeasedMaildropLocksTest {
    @Test
    void aCassandraLeaseWithoutTheModuleThatBindsItRefusesToStartNamingTheKey(@TempDir Path root) {
        MaildropSettings settings = MaildropSettings.from(Pop3xSettings.of(Map.of("lock.cassandra-lease", "60s")), Set.of("james", "maildir"));
        MaildirLeases maildirLeases = new MaildirLeases(new MaildirLocation("var/maildir/%d/%n/Maildir", root), settings, Clock.systemUTC());

        assertThatThrownBy(() -> new LeasedMaildropLocks(new LocalMaildropLocks(settings), settings, Optional.empty(), Map.of(MaildropSettings.MAILDIR_BACKEND, maildirLeases),
            Clock.systemUTC()))
            .isInstanceOf(InvalidSettingException.class)
            .hasMessageContaining("lock.cassandra-lease")
            .hasMessageContaining("dev.pop3x.cluster.CassandraClusterModule");
    }
}
