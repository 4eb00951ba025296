package dev.pop3x.maildrop.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.james.core.Username;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pop3x.maildrop.MaildropException;

class MaildirLocationTest {
    @TempDir
    Path base;

    @Test
    void theTemplateTakesTheLowerCasedUserDomainAndLocalPart() throws Exception {
        MaildirLocation location = new MaildirLocation("var/mail/%d/%n/Maildir", base);
        assertThat(location.of(Username.of("Bob@Example.COM"))).isEqualTo(base.resolve("var/mail/example.com/bob/Maildir"));
        assertThat(location.root()).isEqualTo(base.resolve("var/mail"));
        assertThat(new MaildirLocation("/srv/mail/%u", base).of(Username.of("bob@example.com")))
            .isEqualTo(Path.of("/srv/mail/bob@example.com"));
    }

    @Test
    void namesThatWouldLeaveOrHideAreForbidden() {
        MaildirLocation location = new MaildirLocation("var/mail/%d/%n/Maildir", base);
        for (String user : new String[] {"..@example.com", ".hidden@example.com", "a%2f@example.com", "tab\there@example.com",
            "é".repeat(130) + "@example.com"}) {
            assertThatThrownBy(() -> location.of(Username.of(user))).as(user)
                .isInstanceOfSatisfying(MaildropException.class, e -> assertThat(e.kind()).isEqualTo(MaildropException.Kind.FORBIDDEN));
        }
    }

    @Test
    void aLinkOutOfTheRootIsForbidden(@TempDir Path outside) throws Exception {
        MaildirLocation location = new MaildirLocation("var/mail/%d/%n/Maildir", base);
        Files.createDirectories(base.resolve("var/mail"));
        Files.createSymbolicLink(base.resolve("var/mail/example.com"), outside);
        assertForbiddenThroughALink(location, "bob@example.com");
    }

    @Test
    void aLinkInsideTheRootIsFine() throws Exception {
        MaildirLocation location = new MaildirLocation("var/mail/%d/%n/Maildir", base);
        Files.createDirectories(base.resolve("var/mail/example.org"));
        Files.createSymbolicLink(base.resolve("var/mail/example.com"), base.resolve("var/mail/example.org"));
        assertThat(location.of(Username.of("bob@example.com"))).isEqualTo(base.resolve("var/mail/example.com/bob/Maildir"));
    }

    @Test
    void aMaildirThatIsALinkOutOfTheRootIsForbidden(@TempDir Path outside) throws Exception {
        MaildirLocation location = new MaildirLocation("var/mail/%d/%n/Maildir", base);
        Files.createDirectories(base.resolve("var/mail/example.com/bob"));
        Files.createSymbolicLink(base.resolve("var/mail/example.com/bob/Maildir"), outside);
        assertForbiddenThroughALink(location, "bob@example.com");
    }

    @Test
    void aRootThatIsALinkServesTheMaildirsInsideItsTarget(@TempDir Path target) throws Exception {
        Files.createDirectories(target.resolve("example.com/bob/Maildir"));
        Files.createDirectories(base.resolve("var"));
        Files.createSymbolicLink(base.resolve("var/mail"), target);
        MaildirLocation location = new MaildirLocation("var/mail/%d/%n/Maildir", base);
        assertThat(location.of(Username.of("bob@example.com"))).isEqualTo(base.resolve("var/mail/example.com/bob/Maildir"));
        Files.createDirectories(target.resolve("example.org"));
        Files.createSymbolicLink(target.resolve("example.org/eve"), base);
        assertThatThrownBy(() -> location.of(Username.of("eve@example.org")))
            .isInstanceOfSatisfying(MaildropException.class, e -> assertThat(e.kind()).isEqualTo(MaildropException.Kind.FORBIDDEN));
    }

    private static void assertForbiddenThroughALink(MaildirLocation location, String user) {
        assertThatThrownBy(() -> location.of(Username.of(user)))
            .isInstanceOfSatisfying(MaildropException.class, e -> assertThat(e.kind()).isEqualTo(MaildropException.Kind.FORBIDDEN))
            .hasMessageContaining("through a link");
    }
}
