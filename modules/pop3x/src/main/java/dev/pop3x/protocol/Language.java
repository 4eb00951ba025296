package dev.pop3x.protocol;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The languages of pop3x's response texts (RFC 6856 LANG), each described in itself. */
public enum Language {
    EN("en", "English"),
    FR("fr", "Français");

    private final String tag;
    private final String description;

    Language(String tag, String description) {
        this.tag = tag;
        this.description = description;
    }

    public String tag() {
        return tag;
    }

    /** The language's name in the language itself, for the LANG listing. */
    public String description() {
        return description;
    }

    public Locale locale() {
        return Locale.forLanguageTag(tag);
    }

    /** Language tags match without regard to case (RFC 5646). */
    public static Optional<Language> forTag(String tag) {
        return Arrays.stream(values()).filter(language -> language.tag.equalsIgnoreCase(tag)).findFirst();
    }
}
