package org.examhall.proctor.ingest;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.examhall.proctor.config.SourceConfig;
import org.examhall.proctor.config.SourceType;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

/**
 * Keeps one camera connected for the life of the gateway: connect, hand packets to the sinks, and on a
 * stall or error tell the listener, back off and reconnect. Runs on its own platform thread because
 * every FFmpeg call here blocks.
 *
 * <p>Sinks only ever see a connection from its first video key frame on, so every archive segment and
 * live segment starts decodable. Audio the archive container cannot carry is transcoded to AAC here,
 * once, for all sinks.
 */
public final class CameraIngest implements Runnable {

    private static final System.Logger LOG = System.getLogger(CameraIngest.class.getName());

    private final String name;
    private final SourceConfig source;
    private final SinkFanout sinks;
    private final ConnectionListener listener;
    private final long stallMillis;
    private final Backoff backoff;
    private final Clock clock;
    private final StallWatchdog watchdog = new StallWatchdog();
    private volatile boolean running = true;

    public CameraIngest(String name, SourceConfig source, List<PacketSink> sinks, ConnectionListener listener,
                        long stallMillis, Backoff backoff, Clock clock) {
        this.name = name;
        this.source = source;
        this.sinks = new SinkFanout(name, sinks);
        this.listener = listener;
        this.stallMillis = stallMillis;
        this.backoff = backoff;
        this.clock = clock;
    }

    @Override
    public void run() {
        SourceUrl url = SourceUrl.of(source, stallMillis);
        try {
            while (running) {
                try (PacketSource connection = PacketSource.open(url, watchdog, stallMillis)) {
                    pump(connection);
                } catch (IOException | RuntimeException e) {
                    if (running) {
                        LOG.log(System.Logger.Level.WARNING, "camera " + name + ": " + e.getMessage());
                    }
                }
                if (source.type() == SourceType.FILE) {
                    return;
                }
                sleep(backoff.nextDelayMillis());
            }
        } finally {
            sinks.close();
        }
    }

    /** Stops the ingest from any thread; a blocking read is interrupted by the watchdog. */
    public void stop() {
        running = false;
        watchdog.stop();
    }

    private void pump(PacketSource connection) throws IOException {
        StreamLayout layout = connection.layout();
        AVPacket packet = av_packet_alloc();
        AacTranscoder transcoder = null;
        StreamClock streamClock = null;
        Instant last = null;
        String reason = "end of stream";
        try {
            if (layout.hasAudio() && !AacTranscoder.tsCanCarry(layout.audio().codec_id())) {
                transcoder = new AacTranscoder(layout.audio(), layout.audioTimeBase());
                layout = new StreamLayout(layout.videoIndex(), layout.video(), layout.videoTimeBase(),
                        layout.audioIndex(), transcoder.outputParameters(), transcoder.outputTimeBase());
            }
            while (running && connection.read(packet)) {
                try {
                    int index = packet.stream_index();
                    long micros = mediaMicros(packet, connection.layout());
                    if (streamClock == null) {
                        if (!layout.isVideo(index) || !PacketSource.isKeyFrame(packet) || micros == AV_NOPTS_VALUE) {
                            continue;
                        }
                        Instant now = clock.instant();
                        streamClock = new StreamClock(now, micros, source.type() != SourceType.FILE);
                        backoff.reset();
                        listener.connected(source.id(), now);
                        sinks.start(layout, now);
                    }
                    Instant at = micros == AV_NOPTS_VALUE ? last : streamClock.at(micros, clock.instant());
                    if (at == null) {
                        continue;
                    }
                    last = at;
                    if (transcoder != null && layout.isAudio(index)) {
                        transcode(transcoder, packet, at);
                    } else {
                        sinks.accept(packet, at);
                    }
                } finally {
                    av_packet_unref(packet);
                }
            }
        } catch (IOException e) {
            reason = e.getMessage();
            throw e;
        } finally {
            if (streamClock != null) {
                sinks.stop(last);
                // At shutdown the camera is not offline; the next start records the downtime as a gap.
                if (running) {
                    listener.disconnected(source.id(), last, reason);
                }
            }
            if (transcoder != null) {
                transcoder.close();
            }
            av_packet_free(packet);
        }
    }

    /**
     * A corrupt audio packet must not cost the video archive: it is dropped and logged, and a microphone
     * that stays broken shows up as lost audio in the detectors.
     */
    private void transcode(AacTranscoder transcoder, AVPacket packet, Instant at) {
        try {
            transcoder.transcode(packet, aac -> sinks.accept(aac, at));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "camera " + name + ": audio packet dropped: " + e.getMessage());
        }
    }

    private static long mediaMicros(AVPacket packet, StreamLayout layout) {
        long ts = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
        return MediaTime.micros(ts, layout.timeBase(packet.stream_index()));
    }

    private void sleep(long millis) {
        long until = System.nanoTime() + millis * 1_000_000L;
        while (running && System.nanoTime() < until) {
            try {
                Thread.sleep(Math.min(100, millis));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }
}
