package org.examhall.server.checkin.face;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * One network's weights as TensorFlow.js saves them: a JSON manifest naming each tensor, its shape
 * and its quantisation, and binary shards holding the values one after the other. Quantised tensors
 * (most of face-api's) store each value as an unsigned byte or short q meaning min + q·scale.
 */
final class Weights {

    /** Where the build puts the weights (see exam-server/pom.xml). */
    static final String RESOURCE_DIR = "/org/examhall/server/checkin/face/model/";

    private final String model;
    private final Map<String, float[]> tensors;

    private Weights(String model, Map<String, float[]> tensors) {
        this.model = model;
        this.tensors = tensors;
    }

    /** Reads {@code <model>-weights_manifest.json} and its shards from the classpath. */
    static Weights load(String model) {
        try {
            JsonNode manifest = new ObjectMapper().readTree(resource(model + "-weights_manifest.json"));
            Map<String, float[]> tensors = new HashMap<>();
            for (JsonNode group : manifest) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                for (JsonNode path : group.get("paths")) {
                    bytes.write(resource(path.asText()));
                }
                ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
                for (JsonNode entry : group.get("weights")) {
                    tensors.put(entry.get("name").asText(), read(buffer, entry));
                }
                if (buffer.hasRemaining()) {
                    throw new IllegalStateException(
                            model + ": " + buffer.remaining() + " bytes left over after the manifest's tensors");
                }
            }
            return new Weights(model, tensors);
        } catch (IOException e) {
            throw new UncheckedIOException(model + ": weights unreadable", e);
        }
    }

    /** The named tensor's values; fails when the model lacks it (a wrong or damaged weights file). */
    float[] get(String name) {
        float[] values = tensors.get(name);
        if (values == null) {
            throw new IllegalStateException(model + ": no tensor " + name);
        }
        return values;
    }

    private static float[] read(ByteBuffer buffer, JsonNode entry) {
        int size = 1;
        for (JsonNode dim : entry.get("shape")) {
            size *= dim.asInt();
        }
        float[] values = new float[size];
        JsonNode quantization = entry.get("quantization");
        if (quantization == null) {
            if (!"float32".equals(entry.get("dtype").asText())) {
                throw new IllegalStateException(
                        "unsupported dtype " + entry.get("dtype").asText() + " for "
                                + entry.get("name").asText());
            }
            for (int i = 0; i < size; i++) {
                values[i] = buffer.getFloat();
            }
            return values;
        }
        double scale = quantization.get("scale").asDouble();
        double min = quantization.get("min").asDouble();
        String type = quantization.get("dtype").asText();
        for (int i = 0; i < size; i++) {
            int q = switch (type) {
                case "uint8" -> Byte.toUnsignedInt(buffer.get());
                case "uint16" -> Short.toUnsignedInt(buffer.getShort());
                default ->
                    throw new IllegalStateException("unsupported quantisation " + type + " for "
                            + entry.get("name").asText());
            };
            values[i] = (float) (min + q * scale);
        }
        return values;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = Weights.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IOException("missing resource " + RESOURCE_DIR + name + " (built by exam-server/pom.xml)");
            }
            return in.readAllBytes();
        }
    }
}
