package org.examhall.proctor.testing;

import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/** What JavaCV's grabber sees in a media file: the tests' independent check of what the gateway wrote. */
public record Probe(boolean hasVideo, boolean hasAudio, double seconds, String videoCodec, String audioCodec) {

    public static Probe of(Path file) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            return new Probe(
                    grabber.hasVideo(),
                    grabber.hasAudio(),
                    grabber.getLengthInTime() / 1e6,
                    grabber.getVideoCodecName(),
                    grabber.getAudioCodecName());
        }
    }
}
