package org.examhall.server.provincesim;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated platform's store: every accepted envelope once per idempotency key, in memory and
 * as one JSON line each in {@code packages.jsonl} (forced to disk before the receipt goes out), so a
 * restarted simulator still recognises what it has. Repeated deliveries only raise a counter.
 */
final class ReceivedPackages {

  /** One stored package and how often it arrived. */
  record Stored(String idempotencyKey, String receivedAt, JsonObject envelope, int deliveries) {

    JsonObject toJson() {
      return new JsonObject().put("idempotencyKey", idempotencyKey).put("receivedAt", receivedAt)
          .put("deliveries", deliveries).put("envelope", envelope);
    }
  }

  /** What {@link #accept} did: the stored entry (first receipt time) and whether it was there already. */
  record Accepted(Stored stored, boolean duplicate) {
  }

  private final Path file;
  private final Map<String, Stored> byKey = new LinkedHashMap<>();

  ReceivedPackages(Path dataDir) {
    this.file = dataDir.resolve("packages.jsonl");
    try {
      Files.createDirectories(dataDir);
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            JsonObject json = new JsonObject(line);
            byKey.put(json.getString("idempotencyKey"), new Stored(json.getString("idempotencyKey"),
                json.getString("receivedAt"), json.getJsonObject("envelope"), 1));
          }
        }
      } else {
        // The packages carry full ID numbers: readable by the owner only.
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the simulator's store " + file, e);
    }
  }

  /** Blocking (forces the file): call from a worker thread. */
  synchronized Accepted accept(String key, String receivedAt, JsonObject envelope) {
    Stored existing = byKey.get(key);
    if (existing != null) {
      Stored again = new Stored(key, existing.receivedAt(), existing.envelope(), existing.deliveries() + 1);
      byKey.put(key, again);
      return new Accepted(again, true);
    }
    Stored stored = new Stored(key, receivedAt, envelope, 1);
    String line = new JsonObject().put("idempotencyKey", key).put("receivedAt", receivedAt).put("envelope", envelope).encode() + "\n";
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
      channel.force(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the simulator's store " + file, e);
    }
    byKey.put(key, stored);
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
