package org.examhall.server.site;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Instants written for people, as the pages write them (webroot/js/lib/datetime.js): {@code 2026-12-05 14:30:05},
 * 24 h, in the site's time zone, so an export and the screen it came from agree.
 */
public final class SiteClock {

    private final DateTimeFormatter format;

    public SiteClock(ZoneId zone) {
        this.format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
    }

    /** An ISO-8601 instant as the site's local date and time; empty for null. */
    public String format(String isoInstant) {
        return isoInstant == null ? "" : format.format(Instant.parse(isoInstant));
    }
}
