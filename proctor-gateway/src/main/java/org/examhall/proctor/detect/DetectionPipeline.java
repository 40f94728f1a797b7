package org.examhall.proctor.detect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.examhall.proctor.config.DetectionSettings;
import org.examhall.proctor.ingest.PacketSink;
import org.examhall.proctor.ingest.PacketSource;
import org.examhall.proctor.ingest.StreamLayout;

/**
 * The low-rate decoded path of one camera: at most two key frames a second, decoded to 320-pixel grey,
 * and the audio at 16 kHz mono, feeding the detectors. Time is the connection's media time, so a recorded
 * file is judged exactly as the live stream was.
 */
public final class DetectionPipeline implements PacketSink {

    static final int PICTURE_WIDTH = 320;
    static final double MIN_SAMPLE_SECONDS = 0.5;
    /** An audio timeline this far from the packets' times has skipped; the analyzer restarts there. */
    private static final double AUDIO_RESYNC_SECONDS = 0.5;

    private final DetectionSettings settings;
    private final Double ambientDb;
    private final AnomalyEmitter emitter;

    private StreamLayout layout;
    private Instant anchor;
    private KeyFrameDecoder video;
    private AudioDecoder audio;
    private AudioAnalyzer analyzer;
    private BlackPictureDetector black;
    private FrozenPictureDetector frozen;
    private AudioLossDetector audioLoss;
    private VoiceActivityDetector voice;
    private double lastSample;
    private double lastAudio;
    private double lastPacket;
    private double lastDarkShare;

    public DetectionPipeline(DetectionSettings settings, Double ambientDb, AnomalyEmitter emitter) {
        this.settings = settings;
        this.ambientDb = ambientDb;
        this.emitter = emitter;
    }

    @Override
    public void start(StreamLayout layout, Instant at) {
        this.layout = layout;
        this.anchor = at;
        try {
            video = new KeyFrameDecoder(layout.video(), PICTURE_WIDTH);
            audio = layout.hasAudio() ? new AudioDecoder(layout.audio()) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        analyzer = null;
        black = new BlackPictureDetector(settings.blackSeconds());
        frozen = new FrozenPictureDetector(settings.frozenSeconds());
        audioLoss = new AudioLossDetector(settings.audioLostSeconds());
        voice = new VoiceActivityDetector(
                ambientDb, settings.talkingMarginDb(), settings.calibrationSeconds(), settings.talkingSeconds());
        lastSample = Double.NEGATIVE_INFINITY;
        lastAudio = 0;
        lastPacket = 0;
    }

    @Override
    public void accept(AVPacket packet, Instant at) {
        double t = Duration.between(anchor, at).toNanos() / 1e9;
        if (t - lastPacket >= settings.offlineSeconds()) {
            emitter.whole(
                    AnomalyType.CAMERA_OFFLINE,
                    anchor.plusNanos((long) (lastPacket * 1e9)),
                    at,
                    1.0,
                    new Detail(
                            String.format("%.1f 秒没有收到数据", t - lastPacket),
                            String.format("no packets for %.1f s", t - lastPacket)));
        }
        lastPacket = Math.max(lastPacket, t);
        if (layout.isVideo(packet.stream_index())) {
            if (PacketSource.isKeyFrame(packet) && t - lastSample >= MIN_SAMPLE_SECONDS) {
                lastSample = t;
                GrayFrame picture = video.decode(packet);
                if (picture != null) {
                    picture(t, picture);
                }
                if (t - lastAudio >= settings.audioLostSeconds()) {
                    emitter.apply(
                            AnomalyType.AUDIO_LOST,
                            audioLoss.noPackets(t, lastAudio),
                            anchor,
                            new Detail("没有音频数据：麦克风或编码器的音频缺失", "no audio packets: microphone or encoder audio missing"));
                }
            }
        } else if (audio != null) {
            lastAudio = t;
            if (analyzer == null || Math.abs(analyzer.nextSampleSeconds() - t) > AUDIO_RESYNC_SECONDS) {
                analyzer = new AudioAnalyzer(t);
            }
            audio.decode(packet, (samples, count) -> analyzer.accept(samples, count, this::audioFrame));
        }
    }

    private void picture(double t, GrayFrame picture) {
        lastDarkShare = BlackPictureDetector.darkShare(picture);
        emitter.apply(
                AnomalyType.BLACK_PICTURE,
                black.update(t, picture),
                anchor,
                new Detail(
                        String.format("画面 %.0f%% 为黑色", lastDarkShare * 100),
                        String.format("%.0f%% of the picture is dark", lastDarkShare * 100)));
        emitter.apply(
                AnomalyType.FROZEN_PICTURE,
                frozen.update(t, picture),
                anchor,
                new Detail("画面静止不变", "the picture does not change"));
    }

    private void audioFrame(AudioFeatures features, double t) {
        emitter.apply(
                AnomalyType.AUDIO_LOST,
                audioLoss.frame(t, features),
                anchor,
                new Detail("数字静音：麦克风被静音或拔出", "digital silence: microphone muted or unplugged"));
        String ambient = voice.calibrated() ? String.format(" (%.0f dBFS)", voice.ambientDb()) : "";
        emitter.apply(
                AnomalyType.TALKING,
                voice.frame(t, features),
                anchor,
                new Detail("人声高于考场环境音" + ambient, "voice above the room's ambient level" + ambient));
    }

    @Override
    public void stop(Instant at) {
        if (layout == null) {
            return;
        }
        emitter.apply(AnomalyType.BLACK_PICTURE, black.finish(), anchor, null);
        emitter.apply(AnomalyType.FROZEN_PICTURE, frozen.finish(), anchor, null);
        emitter.apply(AnomalyType.AUDIO_LOST, audioLoss.finish(), anchor, null);
        emitter.apply(AnomalyType.TALKING, voice.finish(), anchor, null);
        video.close();
        if (audio != null) {
            audio.close();
        }
        layout = null;
    }

    @Override
    public void close() {
        if (layout != null) {
            stop(anchor);
        }
    }
}
