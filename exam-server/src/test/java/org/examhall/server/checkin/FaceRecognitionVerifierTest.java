package org.examhall.server.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.examhall.server.checkin.FaceVerifier.Comparison;
import org.examhall.server.checkin.face.FaceEmbedder;
import org.examhall.server.testing.Photos;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The face check on real photos: who matches, what is refused as a replay, and the liveness hint. */
class FaceRecognitionVerifierTest {

    private static FaceRecognitionVerifier verifier;

    @BeforeAll
    static void load() {
        verifier = new FaceRecognitionVerifier(FaceEmbedder.load(), 0.45);
    }

    @Test
    void theSamePersonInAnotherPhotoMatches() {
        Comparison c = verifier.compare(LabelledFaces.bytes("cage.jpg"), LabelledFaces.bytes("cage2_crop.jpg"));
        assertThat(c.match()).as("score %s", c.score()).isTrue();
        assertThat(c.biometric()).isTrue();
        assertThat(c.method()).isEqualTo(FaceRecognitionVerifier.METHOD);
        assertThat(c.reason()).isNull();
        assertThat(c.liveness().verdict()).isEqualTo("single-frame");
    }

    @Test
    void anotherPersonDoesNotMatch() {
        Comparison c = verifier.compare(LabelledFaces.bytes("cage.jpg"), LabelledFaces.bytes("obama4_crop.jpg"));
        assertThat(c.match()).as("score %s", c.score()).isFalse();
        assertThat(c.biometric()).isTrue();
        assertThat(c.method()).isEqualTo(FaceRecognitionVerifier.METHOD);
    }

    @Test
    void theEnrolledPhotoSentBackIsRefused() {
        byte[] enrolled = LabelledFaces.bytes("SeanConnery.jpg");
        BufferedImage picture = LabelledFaces.image("SeanConnery.jpg");
        for (byte[] replay : List.of(
                enrolled.clone(),
                PictureCopies.jpeg(picture, 0.75f),
                PictureCopies.jpeg(picture, 0.4f),
                PictureCopies.png(PictureCopies.halved(picture)))) {
            Comparison c = verifier.compare(enrolled, replay);
            assertThat(c.method()).isEqualTo(FaceRecognitionVerifier.REPLAY);
            assertThat(c.score()).isZero();
            assertThat(c.match()).isFalse();
            assertThat(c.reason()).isNotBlank();
        }
    }

    @Test
    void unreadableOrFacelessPicturesScoreZeroWithAReason() {
        byte[] enrolled = LabelledFaces.bytes("cage.jpg");
        Comparison garbage = verifier.compare(enrolled, new byte[] {(byte) 0xff, (byte) 0xd8, 1, 2, 3});
        assertThat(garbage.score()).isZero();
        assertThat(garbage.reason()).isEqualTo("live photo unreadable");
        Comparison drawn = verifier.compare(enrolled, Photos.person(7, 10));
        assertThat(drawn.score()).isZero();
        assertThat(drawn.reason()).isEqualTo("no face found in the live photo");
        assertThat(verifier.compare(Photos.person(7, 0), enrolled).reason())
                .isEqualTo("no face found in the enrolled photo");
    }

    @Test
    void framesOfALiveFaceLookLive() {
        Comparison c = verifier.compare(
                LabelledFaces.bytes("franck_04000.jpg"),
                List.of(
                        LabelledFaces.bytes("franck_02045.jpg"),
                        LabelledFaces.bytes("franck_02159.jpg"),
                        LabelledFaces.bytes("franck_03979.jpg")));
        assertThat(c.match()).isTrue();
        assertThat(c.liveness().frames()).isEqualTo(3);
        assertThat(c.liveness().verdict())
                .as("motion %s", c.liveness().motion())
                .isEqualTo("live-like");
    }

    @Test
    void aPhotoHeldUpAndMovedLooksRigid() {
        BufferedImage photo = LabelledFaces.image("franck_02045.jpg");
        int w = photo.getWidth();
        int h = photo.getHeight();
        Comparison c = verifier.compare(
                LabelledFaces.bytes("franck_04000.jpg"),
                List.of(
                        LabelledFaces.bytes("franck_02045.jpg"),
                        PictureCopies.jpeg(PictureCopies.moved(photo, w, h, 4, 0.9, 20, -10), 0.9f),
                        PictureCopies.jpeg(PictureCopies.moved(photo, w, h, -5, 0.8, -25, 15), 0.9f)));
        assertThat(c.match()).isTrue();
        assertThat(c.liveness().verdict())
                .as("motion %s", c.liveness().motion())
                .isEqualTo("rigid");
    }

    @Test
    void theSameStillTwiceIsNamedAsSuch() {
        byte[] still = LabelledFaces.bytes("franck_02045.jpg");
        Comparison c = verifier.compare(LabelledFaces.bytes("franck_04000.jpg"), List.of(still, still.clone()));
        assertThat(c.liveness().verdict()).isEqualTo("identical-frames");
    }

    @Test
    void anotherFaceAmongTheFramesIsNamed() {
        Comparison c = verifier.compare(
                LabelledFaces.bytes("franck_04000.jpg"),
                List.of(LabelledFaces.bytes("franck_02045.jpg"), LabelledFaces.bytes("cage2_crop.jpg")));
        assertThat(c.match()).isTrue();
        assertThat(c.liveness().verdict()).isEqualTo("different-faces");
    }
}
