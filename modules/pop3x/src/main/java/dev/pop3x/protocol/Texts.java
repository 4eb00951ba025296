package dev.pop3x.protocol;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The wording of every {@link Text} in every {@link Language}, loaded once and checked to be complete. */
public final class Texts {
    private static final String BUNDLE = "dev.pop3x.protocol.texts";

    private final Map<Language, Map<Text, String>> wordings;

    private Texts(Map<Language, Map<Text, String>> wordings) {
        this.wordings = wordings;
    }

    /** @throws IllegalStateException naming a text a language lacks */
    public static Texts load() {
        Map<Language, Map<Text, String>> wordings = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, language.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            Map<Text, String> texts = new EnumMap<>(Text.class);
            for (Text text : Text.values()) {
                try {
                    texts.put(text, bundle.getString(text.name()));
                } catch (MissingResourceException e) {
                    throw new IllegalStateException("No " + language.tag() + " wording for " + text, e);
                }
            }
            wordings.put(language, texts);
        }
        return new Texts(wordings);
    }

    String format(Language language, Text text, List<?> arguments) {
        String wording = wordings.get(language).get(text);
        for (int i = 0; i < arguments.size(); i++) {
            wording = wording.replace("{" + i + "}", String.valueOf(arguments.get(i)));
        }
        return wording;
    }
}
