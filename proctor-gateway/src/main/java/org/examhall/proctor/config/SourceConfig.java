package org.examhall.proctor.config;

import java.util.Map;
import org.examhall.protocol.config.ConfigException;

/**
 * One camera. {@code type} says how the stream arrives: pulled from the camera over RTSP, or pushed by an
 * encoder to a port the gateway listens on (MPEG-TS over UDP, RTMP or SRT). {@code options} are passed to
 * FFmpeg unchanged, for camera quirks the defaults do not cover.
 */
public record SourceConfig(String id, SourceType type, String url, Map<String, String> options) {

    public SourceConfig {
        id = id == null ? "cam1" : id;
        if (!RoomConfig.SAFE_ID.matcher(id).matches()) {
            throw new ConfigException("camera id must match " + RoomConfig.SAFE_ID + ": " + id);
        }
        if (type == null) {
            throw new ConfigException("camera " + id + " needs a type (rtsp, udp-ts, rtmp-listen, srt-listen, file)");
        }
        if (url == null || url.isBlank()) {
            throw new ConfigException("camera " + id + " needs a url");
        }
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
