package org.examhall.server.checkin;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.examhall.server.checkin.face.PictureDifference;
import org.junit.jupiter.api.Test;

/**
 * The replay threshold sits between copies of a photo and real captures: every copy (JPEG
 * re-encoded at quality 0.75 and 0.4, halved) of every labelled photo falls within it, and no two
 * different photos of one person do, not even frames of one video a moment apart.
 */
class ReplayThresholdsTest {

    @Test
    void copiesFallWithinTheReplayThresholdAndRealCapturesOutside() throws IOException {
        double copyDifference = 0;
        double captureDifference = Double.MAX_VALUE;
        for (Map.Entry<String, List<String>> person : LabelledFaces.PEOPLE.entrySet()) {
            List<BufferedImage> pictures = new ArrayList<>();
            for (String file : person.getValue()) {
                BufferedImage picture = LabelledFaces.image(file);
                for (BufferedImage copy : List.of(
                        read(PictureCopies.jpeg(picture, 0.75f)),
                        read(PictureCopies.jpeg(picture, 0.4f)),
                        PictureCopies.halved(picture))) {
                    copyDifference = Math.max(copyDifference, PictureDifference.meanAbsolute(picture, copy));
                }
                pictures.add(picture);
            }
            for (int i = 0; i < pictures.size(); i++) {
                for (int j = i + 1; j < pictures.size(); j++) {
                    captureDifference = Math.min(
                            captureDifference, PictureDifference.meanAbsolute(pictures.get(i), pictures.get(j)));
                }
            }
        }
        System.out.printf(
                "picture difference: copies up to %.2f grey levels, two captures of one person from %.2f (line at %.2f)%n",
                copyDifference, captureDifference, ReplayCheck.MAX_PICTURE_DIFFERENCE);
        assertThat(copyDifference).isLessThanOrEqualTo(ReplayCheck.MAX_PICTURE_DIFFERENCE);
        assertThat(captureDifference).isGreaterThan(ReplayCheck.MAX_PICTURE_DIFFERENCE);
    }

    private static BufferedImage read(byte[] image) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(image));
    }
}
