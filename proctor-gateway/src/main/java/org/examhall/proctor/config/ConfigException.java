package org.examhall.proctor.config;

/** A configuration the gateway must not start with; the message says which setting and why. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
