package org.examhall.proctor.ingest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.examhall.proctor.config.SourceConfig;
import org.examhall.proctor.config.SourceType;
import org.examhall.proctor.log.Passwords;

/**
 * The FFmpeg input URL and options for one camera. Timeouts are set at the protocol level (so a dead TCP
 * peer is noticed by the socket) and again by the {@link StallWatchdog} (so nothing can hang forever).
 */
record SourceUrl(String url, String format, Map<String, String> options) {

    static final String TRANSPORT = "rtsp_transport";

    /**
     * The ways to try a camera, in order. RTSP without an explicit {@code rtsp_transport} (or with {@code auto})
     * tries TCP interleaving first, as site firewalls and busy networks lose or block RTP over UDP, then UDP,
     * which some servers (VLC, many NVR re-streamers) offer alone.
     */
    static List<SourceUrl> candidates(SourceConfig source, long stallMillis) {
        SourceUrl configured = of(source, stallMillis);
        if (source.type() != SourceType.RTSP
                || !"auto".equals(configured.options().get(TRANSPORT))) {
            return List.of(configured);
        }
        return List.of(configured.withTransport("tcp"), configured.withTransport("udp"));
    }

    private SourceUrl withTransport(String transport) {
        Map<String, String> changed = new LinkedHashMap<>(options);
        changed.put(TRANSPORT, transport);
        if ("tcp".equals(transport)) {
            // Media and control share the socket, so silence on it is a dead camera. Over UDP the control
            // connection is idle while media flows, and the watchdog alone decides.
            changed.putIfAbsent("rw_timeout", changed.get("timeout"));
        }
        return new SourceUrl(url, format, Map.copyOf(changed));
    }

    /** The RTSP transport this way uses, or null for other sources. */
    String transport() {
        return options.get(TRANSPORT);
    }

    /** The URL as it may be logged and shown: without the camera's password. */
    String redacted() {
        return Passwords.masked(url);
    }

    @Override
    public String toString() {
        return redacted();
    }

    static SourceUrl of(SourceConfig source, long stallMillis) {
        Map<String, String> options = new LinkedHashMap<>();
        String micros = Long.toString(stallMillis * 1000);
        String format = null;
        switch (source.type()) {
            case RTSP -> {
                options.put(TRANSPORT, "auto");
                options.put("timeout", micros);
                // RTP over UDP arrives out of order on busy networks: give the reorder queue room.
                options.put("reorder_queue_size", "500");
                options.put("buffer_size", "4194304");
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
        SourceUrl url = new SourceUrl(source.url(), format, Map.copyOf(options));
        return source.type() == SourceType.RTSP && !"auto".equals(url.transport())
                ? url.withTransport(url.transport())
                : url;
    }
}
