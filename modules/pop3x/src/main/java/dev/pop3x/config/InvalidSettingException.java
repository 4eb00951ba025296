package dev.pop3x.config;

/**
 * A setting in {@code pop3x.properties} that cannot be used. The message names the file, the key, the value
 * found and what is expected, because an operator reads it in a failed start-up log.
 */
public final class InvalidSettingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public InvalidSettingException(String key, String message) {
        super(SettingsFile.FILE_NAME + ".properties: " + message);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
