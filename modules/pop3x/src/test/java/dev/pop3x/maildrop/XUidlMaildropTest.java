package dev.pop3x.maildrop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class XUidlMaildropTest {

    private static List<String> uniqueIds(Maildrop maildrop) {
        return maildrop.messages().stream().map(MaildropMessage::uniqueId).collect(Collectors.toList());
    }

    @Test
    void aMessageCarryingAnXUidlIsListedWithItAndTheOthersWithTheirOwn() throws Exception {
        InMemoryMaildrop backend = new InMemoryMaildrop()
            .with("Subject: a\r\nX-UIDL: GmailId17f3a\r\n\r\nbody\r\n")
            .with("Subject: b\r\n\r\nX-UIDL: in-the-body\r\n");

        assertThat(uniqueIds(XUidlMaildrop.over(backend))).containsExactly("GmailId17f3a", "2");
    }

    @Test
    void theFieldIsFoundInAnyCaseUnfoldedAndTrimmedAndTheFirstOneWins() throws Exception {
        assertThat(XUidlMaildrop.read(stream("Subject: a\r\nx-uidl:\r\n  folded-value \r\nX-UIDL: second\r\n\r\n"))).contains("folded-value");
        assertThat(XUidlMaildrop.read(stream("X-Uidl: 00000001b4e5c1f2\n\n"))).contains("00000001b4e5c1f2");
    }

    @Test
    void aValueThatIsNoUniqueIdIsIgnored() throws Exception {
        assertThat(XUidlMaildrop.read(stream("X-UIDL: two words\r\n\r\n"))).isEmpty();
        assertThat(XUidlMaildrop.read(stream("X-UIDL: " + "x".repeat(71) + "\r\n\r\n"))).isEmpty();
        assertThat(XUidlMaildrop.read(stream("X-UIDL:\r\n\r\n"))).isEmpty();
    }

    @Test
    void twoMessagesNeverAnswerOneUniqueId() throws Exception {
        InMemoryMaildrop backend = new InMemoryMaildrop()
            .with("X-UIDL: same\r\n\r\n1\r\n")
            .with("X-UIDL: same\r\n\r\n2\r\n")
            .with("X-UIDL: 4\r\n\r\n3\r\n")
            .with("Subject: keeps its own unique-id, 4\r\n\r\n4\r\n");

        assertThat(uniqueIds(XUidlMaildrop.over(backend))).containsExactly("same", "2", "3", "4");
    }

    @Test
    void callsNameTheBackendsOwnMessage() throws Exception {
        InMemoryMaildrop backend = new InMemoryMaildrop().with("X-UIDL: old-1\r\n\r\none\r\n").with("Subject: b\r\n\r\ntwo\r\n");
        Maildrop maildrop = XUidlMaildrop.over(backend);
        MaildropMessage first = maildrop.messages().get(0);

        maildrop.expunge(List.of(first));
        maildrop.saveUniqueIds(Map.of(first, "imported"));

        assertThat(backend.expunged()).extracting(MaildropMessage::uniqueId).containsExactly("1");
        assertThat(backend.savedUniqueIds()).containsOnly(Map.entry(backend.messages().get(0), "imported"));
        assertThat(new String(maildrop.content(first).readAllBytes(), StandardCharsets.ISO_8859_1)).endsWith("one\r\n");
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
