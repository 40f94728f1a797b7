package org.examhall.server.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.examhall.server.checkin.face.FaceEmbedder;
import org.examhall.server.checkin.face.FaceEmbedder.Face;
import org.examhall.server.checkin.face.LandmarkMotion;
import org.junit.jupiter.api.Test;

/**
 * Where the liveness hint draws its line: above every shape change of the landmarks of one frame
 * moved, turned and scaled as a photo held up to the camera would be, so that "live-like" is never
 * said of a moved photo. A live face crosses it only when it changes expression enough between
 * frames (the eleven labelled frames of one talking person): the share of live frame pairs above
 * the line is printed. A live candidate who holds still is reported "rigid"; that is why the
 * verdict is a hint.
 */
class LivenessMotionTest {

    @Test
    void liveFramesChangeShapeMoreThanAPhotoMovedAsAWhole() {
        FaceEmbedder embedder = FaceEmbedder.load();
        List<BufferedImage> frames = LabelledFaces.PEOPLE.get("franck").stream()
                .map(LabelledFaces::image)
                .toList();
        List<Face> faces = new ArrayList<>();
        for (BufferedImage frame : frames) {
            faces.add(embedder.embed(frame).orElseThrow());
        }
        int livePairs = 0;
        int liveAboveLine = 0;
        for (int i = 0; i < faces.size(); i++) {
            for (int j = i + 1; j < faces.size(); j++) {
                double motion = LandmarkMotion.nonRigid(
                        faces.get(i).landmarks(), faces.get(j).landmarks());
                livePairs++;
                liveAboveLine += motion >= FaceRecognitionVerifier.LIVE_MIN_MOTION ? 1 : 0;
            }
        }
        double rigidMost = 0;
        for (int i = 0; i < frames.size(); i++) {
            BufferedImage frame = frames.get(i);
            for (double[] move :
                    new double[][] {{4, 0.9, 20, -10}, {-5, 0.8, -25, 15}, {8, 1.1, 0, 30}, {0, 0.7, 40, 0}}) {
                BufferedImage moved = PictureCopies.moved(
                        frame, frame.getWidth(), frame.getHeight(), move[0], move[1], move[2], move[3]);
                Face face = embedder.embed(moved).orElseThrow();
                rigidMost =
                        Math.max(rigidMost, LandmarkMotion.nonRigid(faces.get(i).landmarks(), face.landmarks()));
            }
        }
        System.out.printf(
                "landmark shape change: one frame moved as a whole up to %.4f; line at %.4f; pairs of live frames above it: %d of %d%n",
                rigidMost, FaceRecognitionVerifier.LIVE_MIN_MOTION, liveAboveLine, livePairs);
        assertThat(rigidMost).isLessThan(FaceRecognitionVerifier.LIVE_MIN_MOTION);
        assertThat(liveAboveLine).isPositive();
    }
}
