package org.examhall.server.archive;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.examhall.protocol.crypto.Sm3;
import org.examhall.server.audit.CanonicalJson;

/**
 * Writes an archive as a ZIP: its files, then {@code index.json} listing every file with its size
 * and SM3 hash, and {@code index.sig}, the bureau's SM3withSM2 signature (base64 DER) over the exact
 * bytes of {@code index.json}. Anyone holding the bureau's public key can check the whole archive.
 */
final class ArchiveZip {

    static final String INDEX = "index.json";
    static final String SIGNATURE = "index.sig";
    static final String FORMAT = "examhall-class-archive/1";

    private final Map<String, byte[]> files = new LinkedHashMap<>();

    ArchiveZip add(String path, byte[] content) {
        if (files.containsKey(path) || path.equals(INDEX) || path.equals(SIGNATURE)) {
            throw new IllegalArgumentException("duplicate archive path " + path);
        }
        files.put(path, content);
        return this;
    }

    ArchiveZip addJson(String path, JsonObject json) {
        return add(path, json.encodePrettily().getBytes(StandardCharsets.UTF_8));
    }

    /** The index as signed: canonical JSON of the header fields and the file list. */
    String index(JsonObject header) {
        JsonArray list = new JsonArray();
        files.forEach((path, content) -> list.add(
                new JsonObject().put("path", path).put("size", content.length).put("sm3", Sm3.hex(content))));
        return CanonicalJson.write(
                header.copy().put("format", FORMAT).put("files", list).getMap());
    }

    byte[] write(String index, String signature) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                entry(zip, file.getKey(), file.getValue());
            }
            entry(zip, INDEX, index.getBytes(StandardCharsets.UTF_8));
            entry(zip, SIGNATURE, signature.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String path, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        zip.write(content);
        zip.closeEntry();
    }
}
