package org.examhall.proctor.ingest;

import org.examhall.proctor.config.SourceConfig;
import org.examhall.proctor.config.SourceType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SourceUrlTest {

    @Test
    void rtspIsPulledOverTcpWithSocketTimeouts() {
        SourceUrl url = SourceUrl.of(new SourceConfig("cam1", SourceType.RTSP, "rtsp://10.0.0.5/s1", Map.of()), 8000);
        assertThat(url.options()).containsEntry("rtsp_transport", "tcp").containsEntry("timeout", "8000000")
                .containsEntry("rw_timeout", "8000000");
    }

    @Test
    void pushInputsListenAndConfiguredOptionsWin() {
        assertThat(SourceUrl.of(new SourceConfig("c", SourceType.RTMP_LISTEN, "rtmp://0.0.0.0:1935/live/room1", Map.of()), 5000)
                .options()).containsEntry("listen", "1");
        SourceUrl udp = SourceUrl.of(new SourceConfig("c", SourceType.UDP_TS, "udp://0.0.0.0:5000",
                Map.of("fifo_size", "1000000")), 5000);
        assertThat(udp.format()).isEqualTo("mpegts");
        assertThat(udp.options()).containsEntry("fifo_size", "1000000").containsEntry("timeout", "5000000");
    }
}
