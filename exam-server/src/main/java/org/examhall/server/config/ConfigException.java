package org.examhall.server.config;

/** A configuration that cannot be used; the message names the offending setting. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
