package io.inlet.deploy.settings;

/** The configuration cannot be used; the message names every offending key and where it came from. */
public class SettingsException extends RuntimeException {
    public SettingsException(String message) {
        super(message);
    }
}
