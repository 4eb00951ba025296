package dev.pop3x.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.pop3x.maildrop.InMemoryMaildrop;
import dev.pop3x.maildrop.MaildropMessage;

class DeletionAuditTest {
    private final InMemoryMaildrop maildrop = new InMemoryMaildrop()
        .with("Subject: one\r\nMessage-ID:\r\n <a1@mail.example.net> (folded)\r\n\r\nfirst\r\n")
        .with("Subject: two, no id\r\n\r\nsecond\r\n")
        .with("Message-ID: <evil\u001b[2J@example.net>\r\n\r\nthird\r\n");

    @Test
    void theMessageIdsAreReadUnfoldedAndEscapedAndAMessageWithoutOneHasNone() {
        List<MaildropMessage> messages = maildrop.messages();
        assertThat(DeletionAudit.messageIds(maildrop, messages, Map.of())).isEqualTo(Map.of(
            messages.get(0), "<a1@mail.example.net>",
            messages.get(1), "-",
            messages.get(2), "<evil\\x1b[2J@example.net>"));
    }

    @Test
    void aMessageIdNotedWhenTheMessageWasSentIsNotReadAgain() {
        List<MaildropMessage> messages = maildrop.messages();
        assertThat(DeletionAudit.messageIds(maildrop, messages.subList(0, 2), Map.of(messages.get(0), "<as-sent@x>")))
            .isEqualTo(Map.of(messages.get(0), "<as-sent@x>", messages.get(1), "-"));
    }

    @Test
    void aLineNamesWhoDeletedWhatFromWhere() {
        MaildropMessage message = maildrop.messages().get(0);
        assertThat(DeletionAudit.line("bob@example.com", "phone", "192.0.2.7", true, message, "<a1@mail.example.net>", "7f3e"))
            .isEqualTo("DELE user=bob@example.com device=phone ip=192.0.2.7 tls=true uid=1 message-id=<a1@mail.example.net> octets="
                + message.octets() + " session=7f3e");
    }
}
