package dev.pop3x.protocol;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.james.protocols.pop3.POP3Session;
import org.apache.james.protocols.pop3.core.CapaCapability;

/**
 * LANG (RFC 6856): without argument, lists the languages of response texts, each described in itself; with a
 * language tag, or {@code *} for the administrator's choice ({@code lang.default}), switches to it. The reply to a
 * switch is already in the new language.
 */
public final class LangCommand extends Pop3xCommand implements CapaCapability {
    private final SessionSettings settings;

    @Inject
    public LangCommand(Replies replies, SessionSettings settings) {
        super(replies, Phase.ANY, ArgumentShape.OPTIONAL_WORD, "LANG");
        this.settings = settings;
    }

    @Override
    Reply execute(Pop3xSession session, Arguments arguments) {
        if (arguments.text().isEmpty()) {
            return Reply.ok(Text.LANGUAGES).withLines(Arrays.stream(Language.values())
                .map(language -> language.tag() + " " + language.description())
                .collect(Collectors.toList()));
        }
        String tag = arguments.text().get();
        Optional<Language> language = tag.equals("*") ? Optional.of(settings.defaultLanguage()) : Language.forTag(tag);
        if (language.isEmpty()) {
            return Reply.err(Text.LANGUAGE_UNSUPPORTED, Echo.of(tag));
        }
        session.language(language.get());
        return Reply.ok(Text.LANGUAGE_CHANGED, language.get().tag());
    }

    @Override
    public Set<String> getImplementedCapabilities(POP3Session james) {
        return Set.of("LANG");
    }
}
