package org.examhall.proctor.ingest;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.examhall.proctor.config.SourceConfig;
import org.examhall.proctor.config.SourceType;
import org.examhall.proctor.log.CameraRef;
import org.examhall.proctor.log.FfmpegLog;
import org.examhall.proctor.log.Passwords;
import org.examhall.protocol.retry.Backoff;

/**
 * Keeps one camera connected for the life of the gateway: connect, hand packets to the sinks, and on a
 * stall or error tell the listener, back off and reconnect. Runs on its own platform thread because
 * every FFmpeg call here blocks.
 *
 * <p>Sinks only ever see a connection from its first video key frame on, so every archive segment and
 * live segment starts decodable, and only timestamps the {@link TimestampSanitizer} has made acceptable to
 * a muxer. Audio the archive container cannot carry is transcoded to AAC here, once, for all sinks.
 */
public final class CameraIngest implements Runnable {

    private static final System.Logger LOG = System.getLogger(CameraIngest.class.getName());
    /**
     * A connection that delivered media this long before it ended is retried at once: a server looping its
     * file or restarting its session is back within a handshake, and every second waited is lost footage.
     */
    private static final long HEALTHY_CONNECTION_MILLIS = 5_000;

    private final CameraRef camera;
    private final SourceConfig source;
    private final SinkFanout sinks;
    private final ConnectionListener listener;
    private final long stallMillis;
    private final Backoff backoff;
    /** Failed or short-lived connections since media last flowed. */
    private int failures;

    private final Clock clock;
    private final StallWatchdog watchdog = new StallWatchdog();
    private volatile boolean running = true;

    public CameraIngest(
            CameraRef camera,
            SourceConfig source,
            List<PacketSink> sinks,
            ConnectionListener listener,
            long stallMillis,
            Backoff backoff,
            Clock clock) {
        this.camera = camera;
        this.source = source;
        this.sinks = new SinkFanout(camera, sinks);
        this.listener = listener;
        this.stallMillis = stallMillis;
        this.backoff = backoff;
        this.clock = clock;
    }

    @Override
    public void run() {
        FfmpegLog.forCamera(camera);
        RtspTransports ways = new RtspTransports(SourceUrl.candidates(source, stallMillis));
        try {
            while (running) {
                boolean opened = false;
                long openedAt = 0;
                try (PacketSource connection = connect(ways)) {
                    opened = true;
                    openedAt = System.nanoTime();
                    pump(connection, ways.current());
                } catch (IOException | RuntimeException e) {
                    if (running) {
                        CameraAdvice advice = CameraAdvice.forFailure(e);
                        camera.event("camera_failed")
                                .with("url", ways.current().redacted())
                                .with("error", Passwords.masked(String.valueOf(e.getMessage())))
                                .with("advice_zh", advice.zh())
                                .with("advice_en", advice.en())
                                .log(LOG, System.Logger.Level.WARNING);
                    }
                }
                if (source.type() == SourceType.FILE) {
                    return;
                }
                if (!opened || System.nanoTime() - openedAt < HEALTHY_CONNECTION_MILLIS * 1_000_000L) {
                    sleep(backoff.delayMs(++failures));
                }
            }
        } finally {
            sinks.close();
        }
    }

    /** Tries each way of reaching the camera, starting with the one that last worked. */
    private PacketSource connect(RtspTransports ways) throws IOException {
        IOException failure = null;
        for (SourceUrl url : ways.inOrder()) {
            try {
                PacketSource connection = PacketSource.open(url, watchdog, stallMillis);
                if (ways.worked(url) && url.transport() != null) {
                    camera.event("rtsp_transport")
                            .with("url", url.redacted())
                            .with("transport", url.transport())
                            .with("note_zh", "服务器只接受该传输方式，已改用")
                            .with("note_en", "the server accepts only this transport; using it")
                            .log(LOG, System.Logger.Level.INFO);
                }
                return connection;
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
                if (!running) {
                    break;
                }
            }
        }
        throw failure;
    }

    /** Stops the ingest from any thread; a blocking read is interrupted by the watchdog. */
    public void stop() {
        running = false;
        watchdog.stop();
    }

    private void pump(PacketSource connection, SourceUrl url) throws IOException {
        StreamLayout input = connection.layout();
        StreamLayout layout = input;
        TimestampSanitizer sanitizer = connection.newSanitizer();
        TimestampRepairs repairs = new TimestampRepairs(camera);
        boolean live = source.type() != SourceType.FILE;
        AVPacket packet = av_packet_alloc();
        AacTranscoder transcoder = null;
        StreamClock streamClock = null;
        Instant last = null;
        String reason = "end of stream";
        try {
            if (layout.hasAudio() && !AacTranscoder.tsCanCarry(layout.audio().codec_id())) {
                transcoder = new AacTranscoder(layout.audio(), layout.audioTimeBase());
                layout = new StreamLayout(
                        layout.videoIndex(),
                        layout.video(),
                        layout.videoTimeBase(),
                        layout.audioIndex(),
                        transcoder.outputParameters(),
                        transcoder.outputTimeBase());
            }
            while (running && connection.read(packet)) {
                try {
                    int index = packet.stream_index();
                    TimestampSanitizer.Fixed fixed = sanitizer.fix(
                            index,
                            packet.pts(),
                            packet.dts(),
                            packet.duration(),
                            live ? System.nanoTime() / 1000 : TimestampSanitizer.NONE);
                    if (fixed == null) {
                        continue;
                    }
                    repairs.count(index == input.videoIndex() ? "video" : "audio", fixed, packet.pts(), packet.dts());
                    packet.pts(fixed.pts());
                    packet.dts(fixed.dts());
                    // Dated by decode time: it only rises, where a presentation time can sit far ahead of it
                    // (reordered frames, a client's guess after an RTCP re-alignment) and would drag the clock.
                    long micros = MediaTime.micros(fixed.dts(), input.timeBase(index));
                    if (streamClock == null) {
                        if (!layout.isVideo(index) || !PacketSource.isKeyFrame(packet)) {
                            continue;
                        }
                        Instant now = clock.instant();
                        streamClock = new StreamClock(now, micros, live);
                        failures = 0;
                        camera.event("camera_connected")
                                .with("url", url.redacted())
                                .with("transport", url.transport())
                                .with("video", CodecNames.of(layout.video()))
                                .with(
                                        "audio",
                                        layout.hasAudio()
                                                ? CodecNames.of(input.audio()) + (transcoder != null ? "->aac" : "")
                                                : "none")
                                .log(LOG, System.Logger.Level.INFO);
                        listener.connected(source.id(), now);
                        sinks.start(layout, now);
                    }
                    Instant at = streamClock.at(micros, clock.instant());
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
            reason = Passwords.masked(String.valueOf(e.getMessage()));
            throw e;
        } finally {
            if (streamClock != null) {
                sinks.stop(last);
                // At shutdown the camera is not offline; the next start records the downtime as a gap.
                if (running) {
                    listener.disconnected(source.id(), last, reason);
                    if ("end of stream".equals(reason)) {
                        CameraAdvice advice = CameraAdvice.endOfStream();
                        camera.event("camera_stream_ended")
                                .with("url", url.redacted())
                                .with("advice_zh", advice.zh())
                                .with("advice_en", advice.en())
                                .log(LOG, System.Logger.Level.WARNING);
                    }
                }
            }
            repairs.summarise();
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
            camera.event("audio_packet_dropped").with("error", e.getMessage()).log(LOG, System.Logger.Level.WARNING);
        }
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
