package org.examhall.proctor.ingest;

import org.examhall.proctor.config.SourceConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The FFmpeg input URL and options for one camera. Timeouts are set at the protocol level (so a dead TCP
 * peer is noticed by the socket) and again by the {@link StallWatchdog} (so nothing can hang forever).
 */
record SourceUrl(String url, String format, Map<String, String> options) {

    static SourceUrl of(SourceConfig source, long stallMillis) {
        Map<String, String> options = new LinkedHashMap<>();
        String micros = Long.toString(stallMillis * 1000);
        String format = null;
        switch (source.type()) {
            case RTSP -> {
                // TCP interleaving: UDP RTP loses packets on busy site networks and is blocked by many firewalls.
                options.put("rtsp_transport", "tcp");
                options.put("timeout", micros);
                options.put("rw_timeout", micros);
            }
            case UDP_TS -> {
                // A large receive FIFO absorbs bursts while the muxer writes; overrun drops data rather than failing.
                options.put("fifo_size", "278876");
                options.put("overrun_nonfatal", "1");
                options.put("buffer_size", "4194304");
                options.put("timeout", micros);
                format = "mpegts";
            }
            case RTMP_LISTEN -> {
                options.put("listen", "1");
                options.put("rw_timeout", micros);
                format = "flv";
            }
            case SRT_LISTEN -> {
                options.put("mode", "listener");
                options.put("rw_timeout", micros);
                format = "mpegts";
            }
            case FILE -> {
                // Files are read as fast as they can be; there is nothing to time out.
            }
        }
        // Start fast: cameras send parameter sets with every key frame, so a short probe finds all streams.
        options.put("analyzeduration", "1500000");
        options.put("probesize", "1000000");
        options.putAll(source.options());
        return new SourceUrl(source.url(), format, Map.copyOf(options));
    }
}
