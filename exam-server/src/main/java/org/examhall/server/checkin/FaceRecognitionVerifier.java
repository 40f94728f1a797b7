package org.examhall.server.checkin;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.examhall.server.checkin.face.FaceEmbedder;
import org.examhall.server.checkin.face.FaceEmbedder.Face;
import org.examhall.server.checkin.face.LandmarkMotion;
import org.examhall.server.checkin.face.PictureDifference;

/**
 * The face check by face recognition, on the server: face-api's networks (see {@link FaceEmbedder})
 * describe the face in each picture and the score is 1 − the distance between the descriptors.
 * Before comparing it refuses a replay: a live picture that is the enrolled one, byte for byte or
 * as a copy (re-encoded, resized), which no real camera at the door produces. Extra frames give a
 * liveness hint, recorded with the result but not deciding it.
 */
public final class FaceRecognitionVerifier implements FaceVerifier {

    public static final String METHOD = "face-api-128d";
    public static final String REPLAY = ReplayCheck.METHOD;

    /**
     * Above the landmarks' shape change of a picture moved, scaled and turned as a whole (up to
     * 0.052 of the face's size measured, see LivenessMotionTest); a live face crosses it when its
     * expression changes between frames.
     */
    static final double LIVE_MIN_MOTION = 0.06;

    private final FaceEmbedder embedder;
    private final double threshold;

    public FaceRecognitionVerifier(FaceEmbedder embedder, double threshold) {
        this.embedder = embedder;
        this.threshold = threshold;
    }

    /** Score of a descriptor distance: 1 − distance, within [0, 1]. */
    public static double score(double distance) {
        return Math.max(0, Math.min(1, 1 - distance));
    }

    @Override
    public Comparison compare(byte[] enrolledImage, byte[] liveImage) {
        return compare(enrolledImage, Collections.singletonList(liveImage));
    }

    @Override
    public Comparison compare(byte[] enrolledImage, List<byte[]> liveFrames) {
        BufferedImage enrolled = ReplayCheck.read(enrolledImage);
        if (enrolled == null) {
            return failed(METHOD, "enrolled photo unreadable");
        }
        if (liveFrames.isEmpty()) {
            return failed(METHOD, "no live photo");
        }
        List<BufferedImage> frames = new ArrayList<>();
        for (byte[] frame : liveFrames) {
            BufferedImage image = ReplayCheck.read(frame);
            if (image == null) {
                return failed(METHOD, "live photo unreadable");
            }
            Optional<String> replay = ReplayCheck.refusal(enrolledImage, enrolled, frame, image);
            if (replay.isPresent()) {
                return failed(REPLAY, replay.get());
            }
            frames.add(image);
        }
        Optional<Face> enrolledFace = embedder.embed(enrolled);
        if (enrolledFace.isEmpty()) {
            return failed(METHOD, "no face found in the enrolled photo");
        }
        Optional<Face> liveFace = embedder.embed(frames.get(0));
        if (liveFace.isEmpty()) {
            return failed(METHOD, "no face found in the live photo");
        }
        double distance = enrolledFace.get().distanceTo(liveFace.get());
        return new Comparison(score(distance), threshold, METHOD, null, true, liveness(liveFace.get(), frames));
    }

    private Liveness liveness(Face first, List<BufferedImage> frames) {
        if (frames.size() < 2) {
            return new Liveness(1, "single-frame", 0);
        }
        double motion = 0;
        boolean allIdentical = true;
        for (BufferedImage frame : frames.subList(1, frames.size())) {
            // Frames as close as a copy is to its original are one still sent again.
            allIdentical &= PictureDifference.meanAbsolute(frames.get(0), frame) <= ReplayCheck.MAX_PICTURE_DIFFERENCE;
            Optional<Face> face = embedder.embed(frame);
            if (face.isEmpty()) {
                return new Liveness(frames.size(), "face-missing", motion);
            }
            if (score(first.distanceTo(face.get())) < threshold) {
                return new Liveness(frames.size(), "different-faces", motion);
            }
            motion = Math.max(
                    motion,
                    LandmarkMotion.nonRigid(first.landmarks(), face.get().landmarks()));
        }
        String verdict = allIdentical ? "identical-frames" : motion >= LIVE_MIN_MOTION ? "live-like" : "rigid";
        return new Liveness(frames.size(), verdict, Math.round(motion * 10000) / 10000.0);
    }

    private Comparison failed(String method, String reason) {
        return new Comparison(0, threshold, method, reason, true, null);
    }
}
