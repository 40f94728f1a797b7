package org.examhall.proctor.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The third-party servers the gateway's tests pull from work on this machine: a client that is not the gateway
 * (the ffmpeg CLI) gets 3 s of the served file, codecs unchanged, from each.
 */
class ExternalServersSmokeTest {

    @TempDir
    static Path dir;

    /** High profile with B-frames and AAC: the hardest common camera stream to carry over RTP. */
    static Path file;

    @BeforeAll
    static void makeFile() throws Exception {
        file = MediaTool.make(
                dir.resolve("camera.mkv"), 6, MediaTool.VideoCodec.H264_BFRAMES, MediaTool.AudioCodec.AAC);
    }

    @Test
    void gstreamerServesOverTcp() throws Exception {
        GstRtspServer.Options options =
                GstRtspServer.Options.defaults().withLoop().withProtocols(GstRtspServer.Protocols.TCP);
        try (GstRtspServer server = GstRtspServer.start(file, Loopback.freeTcpPort(), options)) {
            assertPulled(MediaTool.pull(server.url(), "tcp", 3, dir.resolve("gst-tcp.mkv")));
        }
    }

    @Test
    void gstreamerServesOverUdp() throws Exception {
        GstRtspServer.Options options =
                GstRtspServer.Options.defaults().withLoop().withProtocols(GstRtspServer.Protocols.UDP);
        try (GstRtspServer server = GstRtspServer.start(file, Loopback.freeTcpPort(), options)) {
            assertPulled(MediaTool.pull(server.url(), "udp", 3, dir.resolve("gst-udp.mkv")));
        }
    }

    @Test
    void vlcServesOverUdp() throws Exception {
        try (VlcRtspServer server = VlcRtspServer.start(file, Loopback.freeTcpPort())) {
            assertPulled(MediaTool.pull(server.url(), "udp", 3, dir.resolve("vlc-udp.mkv")));
        }
    }

    private static void assertPulled(MediaTool.Info pulled) {
        assertThat(pulled.errors()).isEmpty();
        assertThat(pulled.videoCodec()).isEqualTo("h264");
        assertThat(pulled.videoProfile()).isEqualTo("High");
        assertThat(pulled.audioCodec()).isEqualTo("aac");
        assertThat(pulled.durationSeconds()).isBetween(2.5, 4.0);
    }
}
