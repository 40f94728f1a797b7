package org.examhall.proctor.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.examhall.proctor.config.SourceConfig;
import org.examhall.proctor.config.SourceType;
import org.examhall.proctor.log.Passwords;
import org.junit.jupiter.api.Test;

class SourceUrlTest {

    @Test
    void rtspTriesTcpInterleavingFirstThenUdp() {
        List<SourceUrl> ways =
                SourceUrl.candidates(new SourceConfig("cam1", SourceType.RTSP, "rtsp://10.0.0.5/s1", Map.of()), 8000);
        assertThat(ways).extracting(SourceUrl::transport).containsExactly("tcp", "udp");
        assertThat(ways.get(0).options()).containsEntry("timeout", "8000000").containsEntry("rw_timeout", "8000000");
        // Over UDP the control connection is silent while media flows; a read timeout on it would drop a good camera.
        assertThat(ways.get(1).options()).containsEntry("timeout", "8000000").doesNotContainKey("rw_timeout");
    }

    @Test
    void aConfiguredTransportIsTheOnlyOneTried() {
        List<SourceUrl> ways = SourceUrl.candidates(
                new SourceConfig("cam1", SourceType.RTSP, "rtsp://10.0.0.5/s1", Map.of("rtsp_transport", "udp")), 8000);
        assertThat(ways).extracting(SourceUrl::transport).containsExactly("udp");
    }

    @Test
    void passwordsNeverReachTheLog() {
        SourceUrl url = SourceUrl.of(
                new SourceConfig(
                        "cam1", SourceType.RTSP, "rtsp://admin:s3cr%40t@10.0.0.5:554/Streaming/Channels/101", Map.of()),
                8000);
        assertThat(url.redacted()).isEqualTo("rtsp://admin:***@10.0.0.5:554/Streaming/Channels/101");
        assertThat(url.toString()).doesNotContain("s3cr");
        assertThat(Passwords.masked("rtsp://10.0.0.5/s1")).isEqualTo("rtsp://10.0.0.5/s1");
        // FFmpeg's own messages can name the URL anywhere in a line.
        assertThat(Passwords.masked("[rtsp @ 0x1] rtsp://admin:pa:ss@10.0.0.5/a: 401; retry rtsp://op:x@10.0.0.6/b"))
                .isEqualTo("[rtsp @ 0x1] rtsp://admin:***@10.0.0.5/a: 401; retry rtsp://op:***@10.0.0.6/b");
    }

    @Test
    void pushInputsListenAndConfiguredOptionsWin() {
        assertThat(SourceUrl.of(
                                new SourceConfig(
                                        "c", SourceType.RTMP_LISTEN, "rtmp://0.0.0.0:1935/live/room1", Map.of()),
                                5000)
                        .options())
                .containsEntry("listen", "1");
        SourceUrl udp = SourceUrl.of(
                new SourceConfig("c", SourceType.UDP_TS, "udp://0.0.0.0:5000", Map.of("fifo_size", "1000000")), 5000);
        assertThat(udp.format()).isEqualTo("mpegts");
        assertThat(udp.options()).containsEntry("fifo_size", "1000000").containsEntry("timeout", "5000000");
    }
}
