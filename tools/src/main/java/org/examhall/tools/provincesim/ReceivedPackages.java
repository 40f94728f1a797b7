package org.examhall.tools.provincesim;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated platform's store: every accepted envelope once per idempotency key, in memory and
 * as one JSON line each in {@code packages.jsonl} (forced to disk before the receipt goes out), so a
 * restarted simulator still recognises what it has. Repeated deliveries only raise a counter. Every
 * version of a sitting's result is kept; the highest is the current one.
 */
final class ReceivedPackages {

    /** One stored package and how often it arrived. */
    record Stored(String idempotencyKey, String receivedAt, JsonObject envelope, int deliveries) {

        JsonObject toJson() {
            return new JsonObject()
                    .put("idempotencyKey", idempotencyKey)
                    .put("receivedAt", receivedAt)
                    .put("deliveries", deliveries)
                    .put("envelope", envelope);
        }
    }

    /** What {@link #accept} did: the stored entry (first receipt time) and whether it was there already. */
    record Accepted(Stored stored, boolean duplicate) {}

    /**
     * Where a package stands among its sitting's versions.
     *
     * @param sitting    {@code bureauId|sittingId}
     * @param supersedes the version this one replaces; null for the first
     */
    record Lineage(String sitting, int version, Integer supersedes) {

        static Lineage of(JsonObject envelope) {
            JsonObject pkg = new JsonObject(envelope.getString("package"));
            Object supersedes = pkg.getValue("supersedes");
            return new Lineage(
                    envelope.getString("bureauId") + "|" + pkg.getValue("sittingId"),
                    pkg.getInteger("version"),
                    supersedes instanceof Number n ? n.intValue() : null);
        }
    }

    /** A new version that does not supersede the sitting's current one (409 SUPERSEDED_VERSION_UNKNOWN). */
    static final class OutOfOrder extends RuntimeException {
        final String zh;

        OutOfOrder(String zh, String en) {
            super(en);
            this.zh = zh;
        }
    }

    private final Path file;
    private final Map<String, Stored> byKey = new LinkedHashMap<>();
    private final Map<String, Integer> currentVersion = new HashMap<>();

    ReceivedPackages(Path dataDir) {
        this.file = dataDir.resolve("packages.jsonl");
        try {
            Files.createDirectories(dataDir);
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        JsonObject json = new JsonObject(line);
                        byKey.put(
                                json.getString("idempotencyKey"),
                                new Stored(
                                        json.getString("idempotencyKey"),
                                        json.getString("receivedAt"),
                                        json.getJsonObject("envelope"),
                                        1));
                        Lineage lineage = Lineage.of(json.getJsonObject("envelope"));
                        currentVersion.merge(lineage.sitting(), lineage.version(), Math::max);
                    }
                }
            } else {
                // The packages carry full ID numbers: readable by the owner only.
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the simulator's store " + file, e);
        }
    }

    /**
     * Blocking (forces the file): call from a worker thread. A repeat is recognised by its key first,
     * so an older version arriving late gets its first receipt and never becomes current again; a new
     * key must supersede exactly the sitting's current version (none for the first).
     *
     * @throws OutOfOrder (409) when it supersedes a version never received, which may yet arrive
     */
    synchronized Accepted accept(String key, String receivedAt, JsonObject envelope, Lineage lineage) {
        Stored existing = byKey.get(key);
        if (existing != null) {
            Stored again = new Stored(key, existing.receivedAt(), existing.envelope(), existing.deliveries() + 1);
            byKey.put(key, again);
            return new Accepted(again, true);
        }
        int current = currentVersion.getOrDefault(lineage.sitting(), 0);
        int replaces = lineage.supersedes() == null ? 0 : lineage.supersedes();
        if (replaces != current) {
            throw new OutOfOrder(
                    "版本 " + lineage.version() + " 取代的版本 " + replaces + " 不是平台当前持有的版本 " + current,
                    "version " + lineage.version() + " supersedes version " + replaces
                            + ", but the platform holds version " + current);
        }
        Stored stored = new Stored(key, receivedAt, envelope, 1);
        String line = new JsonObject()
                        .put("idempotencyKey", key)
                        .put("receivedAt", receivedAt)
                        .put("envelope", envelope)
                        .encode()
                + "\n";
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the simulator's store " + file, e);
        }
        byKey.put(key, stored);
        currentVersion.put(lineage.sitting(), lineage.version());
        return new Accepted(stored, false);
    }

    synchronized List<Stored> all() {
        return new ArrayList<>(byKey.values());
    }

    /** Lines in the file: with the memory map, proof that nothing was stored twice. */
    long linesOnDisk() {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(l -> !l.isBlank()).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
