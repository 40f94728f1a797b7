package org.examhall.protocol.config;

/** A configuration that exam-server or the gateway must not start with; the message names the setting at fault and why. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
