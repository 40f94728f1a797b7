package org.examhall.proctor.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.examhall.protocol.crypto.Sm2;
import org.examhall.protocol.crypto.Sm3;

/**
 * The room's record of which days it has: {@code days.jsonl} beside the day folders, append-only, SM3-chained
 * like a manifest (from {@code SM3("examhall-day-index|site|room")}) and sealed with the gateway's SM2 key
 * after every entry. A day is {@code opened} when its manifest is created, each seal of that manifest is a
 * {@code checkpoint} (its last entry's number and hash), and retention ends it with {@code deleted}. So a day
 * whose folder has vanished, or whose manifest has lost its tail, is still accounted for here; and each
 * manifest names the entry that opened it, so cutting this file short is caught by the days after the cut.
 * Cutting off the newest days together with their entries leaves nothing behind in the archive; so every new
 * head (each seal) is handed to a witness outside it.
 */
public final class DayIndex implements AutoCloseable {

    public static final String FILE_NAME = "days.jsonl";

    private final String site;
    private final String room;
    private final PrivateKey signingKey;
    private final ChainedFile out;
    private final Consumer<IndexHead> witness;

    public DayIndex(
            Path file, String site, String room, PrivateKey signingKey, Clock clock, Consumer<IndexHead> witness)
            throws IOException {
        this.site = site;
        this.room = room;
        this.signingKey = signingKey;
        this.witness = witness;
        this.out = new ChainedFile(file, genesis(site, room), clock);
        ObjectNode recovery = out.tornLineRecovery();
        if (recovery != null) {
            append(recovery);
        } else if (out.lastType() != null && !"seal".equals(out.lastType())) {
            // A crash between an entry and its seal: sign it now.
            seal(null);
        }
    }

    /** The {@code prev} of the first entry: binds the chain to its site and room. */
    public static String genesis(String site, String room) {
        return Sm3.hex("examhall-day-index|" + site + "|" + room);
    }

    public static String sealText(String site, String room, long seq, String prevHash) {
        return "examhall-day-index-seal|" + site + "|" + room + "|" + seq + "|" + prevHash;
    }

    /** @return the entry's number and hash, which the new manifest records ({@link ManifestLog#appendIndexed}) */
    public synchronized Position opened(LocalDate day, String detail) {
        ObjectNode entry = out.entry("opened");
        entry.put("day", day.toString());
        if (detail != null) {
            entry.put("detail", detail);
        }
        return append(entry);
    }

    public synchronized void checkpoint(LocalDate day, long manifestSeq, String manifestHash) {
        ObjectNode entry = out.entry("checkpoint");
        entry.put("day", day.toString());
        entry.put("manifestSeq", manifestSeq);
        entry.put("manifestHash", manifestHash);
        append(entry);
    }

    /** The day's folder is about to be removed by retention; its manifest's last entry stays on record here. */
    public synchronized void deleted(LocalDate day, long manifestSeq, String manifestHash, String reason) {
        ObjectNode entry = out.entry("deleted");
        entry.put("day", day.toString());
        entry.put("manifestSeq", manifestSeq);
        entry.put("manifestHash", manifestHash);
        entry.put("reason", reason);
        append(entry);
    }

    /** Where an entry sits in the chain. */
    public record Position(long seq, String hash) {}

    /** Writes the entry and seals it at once: the index changes rarely, and an unsealed entry is not trusted. */
    private Position append(ObjectNode entry) {
        out.write(entry);
        Position written = new Position(out.seq(), out.lastHash());
        seal(entry);
        return written;
    }

    /** @param sealed the entry this seal covers, or null when sealing one left unsealed by a crash */
    private void seal(ObjectNode sealed) {
        ObjectNode entry = out.entry("seal");
        entry.put(
                "signature",
                Sm2.sign(signingKey, sealText(site, room, entry.get("seq").asLong(), out.lastHash())));
        out.write(entry);
        String day = sealed == null ? null : sealed.path("day").asText(null);
        witness.accept(new IndexHead(
                room,
                out.seq(),
                out.lastHash(),
                day == null ? null : LocalDate.parse(day),
                Instant.parse(entry.get("at").asText())));
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
