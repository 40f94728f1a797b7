package org.examhall.proctor.log;

import java.util.regex.Pattern;

/**
 * One log event as a single line of {@code key=value} pairs after its name, the format exam-server's logs
 * use, so one log tool reads both. Values with spaces or quotes are quoted; Chinese text is kept as is.
 */
public final class LogEvent {

    private static final Pattern BARE = Pattern.compile("[^\\s\"=]+");

    private final StringBuilder line;

    private LogEvent(String name) {
        line = new StringBuilder("event=").append(name);
    }

    public static LogEvent of(String name) {
        return new LogEvent(name);
    }

    public LogEvent with(String key, Object value) {
        if (value == null) {
            return this;
        }
        String text = value.toString();
        line.append(' ').append(key).append('=');
        if (BARE.matcher(text).matches()) {
            line.append(text);
        } else {
            line.append('"')
                    .append(text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
                    .append('"');
        }
        return this;
    }

    public void log(System.Logger logger, System.Logger.Level level) {
        if (logger.isLoggable(level)) {
            logger.log(level, line.toString());
        }
    }

    public void log(System.Logger logger, System.Logger.Level level, Throwable cause) {
        if (logger.isLoggable(level)) {
            logger.log(level, line.toString(), cause);
        }
    }

    @Override
    public String toString() {
        return line.toString();
    }
}
