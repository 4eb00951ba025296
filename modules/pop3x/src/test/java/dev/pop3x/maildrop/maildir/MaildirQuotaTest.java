package dev.pop3x.maildrop.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pop3x.maildrop.QuotaLimits;
import dev.pop3x.maildrop.QuotaUsage;

class MaildirQuotaTest {
    @TempDir
    Path root;

    /** A Maildir holding one message of 5 octets, in new/. */
    private Maildir withOneMessage() throws Exception {
        Maildir maildir = new Maildir(root);
        maildir.create();
        Files.writeString(root.resolve("new/1.a,S=5"), "12345");
        return maildir;
    }

    @Test
    void noMaildirsizeMeansNoQuota() throws Exception {
        assertThat(new MaildirQuota(new Maildir(root)).read()).isEmpty();
    }

    @Test
    void usageIsTheSumOfTheLinesAfterTheLimits() throws Exception {
        Files.writeString(root.resolve("maildirsize"), "1000S,3C\n100 1\n250 1\n-100 -1\n");
        QuotaUsage usage = new MaildirQuota(new Maildir(root)).read().orElseThrow();
        assertThat(usage.octets()).isEqualTo(250);
        assertThat(usage.messages()).isEqualTo(1);
        assertThat(usage.refuses(750)).isFalse();
        assertThat(usage.refuses(751)).isTrue();
    }

    @Test
    void theMessageLimitCountsToo() throws Exception {
        Files.writeString(root.resolve("maildirsize"), "0S,2C\n10 2\n");
        assertThat(new MaildirQuota(new Maildir(root)).read().orElseThrow().refuses(1)).isTrue();
    }

    @Test
    void aGrowingFileIsCountedAgainFromTheMessages() throws Exception {
        Maildir maildir = withOneMessage();
        Files.writeString(root.resolve("maildirsize"), "1000000S\n" + "1 1\n".repeat(2000));
        new MaildirQuota(maildir).add(5, 1);
        assertThat(Files.readString(root.resolve("maildirsize"))).isEqualTo("1000000S\n5 1\n");
    }

    @Test
    void limitsFromJamesCreateTheFileWithTheUsageCountedFromTheMessages() throws Exception {
        Maildir maildir = withOneMessage();
        Files.writeString(root.resolve("cur/2.b,S=3:2,S"), "123");

        new MaildirQuota(maildir).applyLimits(Optional.of(new QuotaLimits(OptionalLong.of(1000), OptionalLong.of(10))));

        assertThat(Files.readString(root.resolve("maildirsize"))).isEqualTo("1000S,10C\n8 2\n");
    }

    @Test
    void changedLimitsRewriteTheFileAndTheSameLimitsLeaveItAlone() throws Exception {
        Maildir maildir = withOneMessage();
        Files.writeString(root.resolve("maildirsize"), "1000S\n5 1\n7 1\n");
        MaildirQuota quota = new MaildirQuota(maildir);

        quota.applyLimits(Optional.of(new QuotaLimits(OptionalLong.of(1000), OptionalLong.empty())));
        assertThat(Files.readString(root.resolve("maildirsize"))).isEqualTo("1000S\n5 1\n7 1\n");

        quota.applyLimits(Optional.of(new QuotaLimits(OptionalLong.empty(), OptionalLong.of(50))));
        assertThat(Files.readString(root.resolve("maildirsize"))).isEqualTo("50C\n5 1\n");
    }
}
