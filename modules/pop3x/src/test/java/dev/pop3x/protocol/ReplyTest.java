package dev.pop3x.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.StartTlsResponse;
import org.junit.jupiter.api.Test;

class ReplyTest {
    private static final Texts TEXTS = Texts.load();

    /** James starts TLS only after a {@link StartTlsResponse}, which it writes as US-ASCII lines. */
    @Test
    void theReplyToStlsStartsTlsInEveryLanguage() {
        for (Language language : Language.values()) {
            Response response = Reply.ok(Text.STLS_BEGIN).then(Reply.After.START_TLS).render(TEXTS, language);
            assertThat(response).as(language.tag()).isInstanceOf(StartTlsResponse.class);
            assertThat(response.getLines()).as(language.tag()).allMatch(line -> line.chars().allMatch(c -> c < 0x80));
        }
        assertThat(Reply.ok(Text.STLS_BEGIN).then(Reply.After.START_TLS).render(TEXTS, Language.forTag("fr").orElseThrow()).getLines())
            .containsExactly("+OK Debut de la negociation TLS");
    }

    @Test
    void asciiDropsAccentsAndMarksWhatRemains() {
        assertThat(Reply.ascii("Début de la négociation")).isEqualTo("Debut de la negociation");
        assertThat(Reply.ascii("Straße €")).isEqualTo("Stra?e ?");
    }
}
