package org.examhall.server.checkin;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.examhall.server.checkin.face.PictureDifference;

/**
 * Refuses the enrolled photo sent back as the live one (the door's identify answer carries it), byte
 * for byte or as a copy (re-encoded, resized), which no real camera at the door produces. Every
 * verifier runs it first, the picture-similarity fallback too, where a replay would score 1.0.
 */
final class ReplayCheck {

    /** The method a refused replay is recorded under. */
    static final String METHOD = "replay-refused";
    /**
     * A copy of the enrolled photo (JPEG re-encoded at quality 0.75 or 0.4, halved) stays within 1.6
     * grey levels of it; two captures of one person, even frames of one video a moment apart before
     * the same background, differ by 2.0 or more (measured on the labelled photos, see
     * ReplayThresholdsTest). A copy turned or cropped is not caught here.
     */
    static final double MAX_PICTURE_DIFFERENCE = 1.8;

    private ReplayCheck() {}

    /** Why the live picture is a replay of the enrolled one, if it is. */
    static Optional<String> refusal(
            byte[] enrolledBytes, BufferedImage enrolled, byte[] liveBytes, BufferedImage live) {
        if (Arrays.equals(enrolledBytes, liveBytes)) {
            return Optional.of("the live photo is the enrolled photo, byte for byte");
        }
        if (enrolled != null
                && live != null
                && PictureDifference.meanAbsolute(enrolled, live) <= MAX_PICTURE_DIFFERENCE) {
            return Optional.of("the live photo is a copy of the enrolled photo");
        }
        return Optional.empty();
    }

    static BufferedImage read(byte[] image) {
        try {
            return image == null || image.length == 0 ? null : ImageIO.read(new ByteArrayInputStream(image));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
