package org.examhall.proctor.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a camera's stream reaches the gateway. */
public enum SourceType {
    /** Pulled from the camera (most Chinese IP cameras and NVRs). */
    @JsonProperty("rtsp")
    RTSP,
    /** An encoder pushes MPEG-TS datagrams to a UDP port the gateway listens on. */
    @JsonProperty("udp-ts")
    UDP_TS,
    /** An encoder publishes to the gateway's RTMP listener. */
    @JsonProperty("rtmp-listen")
    RTMP_LISTEN,
    /** An encoder connects to the gateway's SRT listener (if the FFmpeg build has libsrt). */
    @JsonProperty("srt-listen")
    SRT_LISTEN,
    /** A recorded file, read once: replays and tests. */
    @JsonProperty("file")
    FILE
}
