package org.examhall.server.checkin.face;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import org.examhall.server.checkin.LabelledFaces;
import org.junit.jupiter.api.Test;

/**
 * The Java port gives the descriptors face-api gives. The reference file holds the descriptors that
 * face-api 1.7.15's own JavaScript computed for three labelled photos (TensorFlow.js CPU backend,
 * detectSingleFace with the Tiny Face Detector at input size 224, then landmarks and descriptor),
 * from the same decoded pixels. Faces lying inside the picture were chosen: for a detection box
 * crossing the border face-api shifts the landmarks by the box's outside origin, which the port
 * deliberately does not copy.
 */
class FaceApiAgreementTest {

    @Test
    void descriptorsMatchFaceApisJavaScript() throws IOException {
        FaceEmbedder port =
                new FaceEmbedder(FaceDetector.load(), LandmarkNet.load(), DescriptorNet.load(), new int[] {224});
        JsonNode reference;
        try (InputStream in = getClass().getResourceAsStream("face-api-js-descriptors.json")) {
            reference = new ObjectMapper().readTree(in);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = reference.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> photo = it.next();
            float[] expected = new float[128];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = (float) photo.getValue().get(i).asDouble();
            }
            FaceEmbedder.Face face =
                    port.embed(LabelledFaces.image(photo.getKey())).orElseThrow();
            double distance = face.distanceTo(new FaceEmbedder.Face(expected, 1, face.landmarks()));
            System.out.printf(
                    "%s: distance between the port's descriptor and face-api's %.4f%n", photo.getKey(), distance);
            // Same-person photos lie 0.2–0.5 apart: anything above float rounding would be a port error.
            assertThat(distance).as(photo.getKey()).isLessThan(0.001);
        }
    }
}
