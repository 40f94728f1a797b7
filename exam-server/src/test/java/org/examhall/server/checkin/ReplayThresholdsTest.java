package org.examhall.server.checkin;

import org.examhall.server.checkin.face.FaceEmbedder;
import org.examhall.server.checkin.face.FaceEmbedder.Face;
import org.examhall.server.checkin.face.PictureDifference;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay threshold sits between copies of a photo and real captures: every copy (JPEG
 * re-encoded at quality 0.75 and 0.4, halved) of every labelled photo falls within it, and no two
 * different photos of one person do, not even frames of one video a moment apart. The descriptor
 * distances are printed to show why they cannot tell a copy from a capture: they overlap.
 */
class ReplayThresholdsTest {

  @Test
  void copiesFallWithinTheReplayThresholdsAndRealCapturesOutside() throws IOException {
    FaceEmbedder embedder = FaceEmbedder.load();
    double copyDifference = 0;
    double copyDistance = 0;
    double captureDifference = Double.MAX_VALUE;
    double captureDistance = Double.MAX_VALUE;
    for (Map.Entry<String, List<String>> person : LabelledFaces.PEOPLE.entrySet()) {
      List<BufferedImage> pictures = new ArrayList<>();
      List<Face> faces = new ArrayList<>();
      for (String file : person.getValue()) {
        BufferedImage picture = LabelledFaces.image(file);
        Face face = embedder.embed(picture).orElseThrow();
        for (BufferedImage copy : List.of(read(PictureCopies.jpeg(picture, 0.75f)), read(PictureCopies.jpeg(picture, 0.4f)),
            PictureCopies.halved(picture))) {
          copyDifference = Math.max(copyDifference, PictureDifference.meanAbsolute(picture, copy));
          copyDistance = Math.max(copyDistance, face.distanceTo(embedder.embed(copy).orElseThrow()));
        }
        pictures.add(picture);
        faces.add(face);
      }
      for (int i = 0; i < pictures.size(); i++) {
        for (int j = i + 1; j < pictures.size(); j++) {
          captureDifference = Math.min(captureDifference, PictureDifference.meanAbsolute(pictures.get(i), pictures.get(j)));
          captureDistance = Math.min(captureDistance, faces.get(i).distanceTo(faces.get(j)));
        }
      }
    }
    System.out.printf("copies: picture difference up to %.2f grey levels, descriptor distance up to %.3f%n", copyDifference, copyDistance);
    System.out.printf("different captures of one person: picture difference from %.2f, descriptor distance from %.3f%n",
        captureDifference, captureDistance);
    assertThat(copyDifference).isLessThanOrEqualTo(FaceRecognitionVerifier.REPLAY_MAX_PICTURE_DIFFERENCE);
    assertThat(captureDifference).isGreaterThan(FaceRecognitionVerifier.REPLAY_MAX_PICTURE_DIFFERENCE);
  }

  private static BufferedImage read(byte[] image) throws IOException {
    return ImageIO.read(new ByteArrayInputStream(image));
  }
}
