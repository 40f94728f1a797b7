package org.examhall.proctor.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The gateway's log format: one event a line, time in the site's zone, level, thread, logger and message,
 * as exam-server's logback pattern writes them. A stack trace follows on indented lines, so a line-based
 * tool still sees the event on the first one.
 */
public final class OneLineFormatter extends Formatter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private final ZoneId zone;

    public OneLineFormatter(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public String format(LogRecord record) {
        StringBuilder out = new StringBuilder(160);
        out.append(TIME.format(OffsetDateTime.ofInstant(Instant.ofEpochMilli(record.getMillis()), zone)))
                .append(' ');
        out.append(String.format("%-5s", level(record)))
                .append(" [")
                .append(Thread.currentThread().getName())
                .append("] ");
        String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
        out.append(logger.substring(logger.lastIndexOf('.') + 1)).append(' ');
        out.append(formatMessage(record).replace('\n', ' ')).append('\n');
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            trace.toString().lines().forEach(l -> out.append("    ").append(l).append('\n'));
        }
        return out.toString();
    }

    private static String level(LogRecord record) {
        return switch (record.getLevel().getName()) {
            case "SEVERE" -> "ERROR";
            case "WARNING" -> "WARN";
            case "FINE", "FINER", "FINEST" -> "DEBUG";
            default -> record.getLevel().getName();
        };
    }

    /** Makes this format the root logger's only output, on standard error as before. */
    public static void install(ZoneId zone) {
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(new OneLineFormatter(zone));
        root.addHandler(console);
    }
}
