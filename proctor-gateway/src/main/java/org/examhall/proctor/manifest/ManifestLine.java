package org.examhall.proctor.manifest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.examhall.protocol.crypto.Sm3;

/**
 * One line of a manifest: a JSON object whose last field is {@code hash}, the SM3 of the line's own text
 * without that field. Hashing the exact text (not a re-serialisation) means any byte changed in an entry is
 * detected, whatever JSON library reads it later.
 */
public record ManifestLine(String text, ObjectNode fields) {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Appends the hash to a serialised entry that does not have one yet. */
    static ManifestLine seal(ObjectNode entry) {
        try {
            String body = JSON.writeValueAsString(entry);
            String hash = Sm3.hex(body);
            String text = body.substring(0, body.length() - 1) + ",\"hash\":\"" + hash + "\"}";
            entry.put("hash", hash);
            return new ManifestLine(text, entry);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ManifestLine parse(String text) throws IOException {
        return new ManifestLine(text, (ObjectNode) JSON.readTree(text));
    }

    public String hash() {
        return fields.path("hash").asText();
    }

    public String prev() {
        return fields.path("prev").asText();
    }

    public String type() {
        return fields.path("type").asText();
    }

    public long seq() {
        return fields.path("seq").asLong();
    }

    /** Whether the stored hash is the SM3 of the text that precedes it. */
    public boolean hashMatches() {
        String suffix = ",\"hash\":\"" + hash() + "\"}";
        if (!text.endsWith(suffix)) {
            return false;
        }
        return Sm3.hex(text.substring(0, text.length() - suffix.length()) + "}").equals(hash());
    }
}
