package org.examhall.proctor.config;

import java.util.List;
import java.util.regex.Pattern;
import org.examhall.protocol.config.ConfigException;

/**
 * One exam room and its cameras. {@code ambientDbfs}, when set, is the room's calibrated ambient level in
 * the speech band; when absent the detector calibrates itself at the start of each connection.
 */
public record RoomConfig(String id, String name, List<SourceConfig> sources, Double ambientDbfs) {

    /** Room and camera ids become directory and URL parts, so they are restricted to a safe alphabet. */
    static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public RoomConfig {
        if (id == null || !SAFE_ID.matcher(id).matches()) {
            throw new ConfigException("room id must match " + SAFE_ID + ": " + id);
        }
        name = name == null ? id : name;
        sources = sources == null ? List.of() : List.copyOf(sources);
        if (sources.isEmpty()) {
            throw new ConfigException("room " + id + " has no camera source");
        }
        if (sources.stream().map(SourceConfig::id).distinct().count() != sources.size()) {
            throw new ConfigException("room " + id + " has two cameras with the same id");
        }
    }
}
