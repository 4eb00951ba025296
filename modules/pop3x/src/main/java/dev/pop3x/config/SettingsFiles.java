package dev.pop3x.config;

import java.io.FileNotFoundException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads {@code pop3x.properties} from James's conf folder the way James reads its own properties files. */
public final class SettingsFiles {
    private static final Logger LOGGER = LoggerFactory.getLogger(SettingsFiles.class);

    private SettingsFiles() {
    }

    /** @param known every setting there is, which the file's keys are checked against */
    public static SettingsFile read(PropertiesProvider provider, List<Setting<?>> known) throws ConfigurationException {
        Configuration configuration;
        try {
            configuration = provider.getConfiguration(SettingsFile.FILE_NAME);
        } catch (FileNotFoundException e) {
            LOGGER.info("No {}.properties in James's conf folder: every pop3x setting takes its default", SettingsFile.FILE_NAME);
            return SettingsFile.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<String> keys = configuration.getKeys(); keys.hasNext(); ) {
            String key = keys.next();
            // James splits values on ',' when it reads properties; no pop3x setting takes one
            String[] parts = configuration.getStringArray(key);
            if (parts.length > 1) {
                throw new InvalidSettingException(key, "key '" + key + "' has several values (given twice, or with ','): "
                    + String.join(", ", parts));
            }
            values.put(key, parts.length == 0 ? "" : parts[0]);
        }
        return SettingsFile.of(values, known);
    }
}
