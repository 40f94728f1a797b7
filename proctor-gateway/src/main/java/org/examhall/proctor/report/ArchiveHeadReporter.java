package org.examhall.proctor.report;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;
import org.examhall.proctor.config.ExamServerSettings;
import org.examhall.proctor.manifest.IndexHead;

/**
 * Makes exam-server the outside witness of each room's day index: every new head goes to
 * {@code POST {url}/api/gateway/archive-heads} as {@code {site, camera, seq, hash, day, at}} through a durable
 * {@link Outbox} keyed by room, so a head not yet delivered is replaced by the next one (which chains over it)
 * and exam-server only ever sees a room's heads move forward.
 */
public final class ArchiveHeadReporter implements Consumer<IndexHead> {

    private static final String PATH = "/api/gateway/archive-heads";

    private final String site;
    private final OutboxSender sender;

    public ArchiveHeadReporter(Vertx vertx, ExamServerSettings settings, String site, Outbox outbox) {
        this.site = site;
        this.sender = new OutboxSender(vertx, settings, PATH, outbox);
    }

    /** Called by the day index as it seals, on the writing thread: the head is on disk when this returns. */
    @Override
    public void accept(IndexHead head) {
        sender.send(
                head.room(),
                new JsonObject()
                        .put("site", site)
                        .put("camera", head.room())
                        .put("seq", head.seq())
                        .put("hash", head.hash())
                        .put("day", head.day() == null ? null : head.day().toString())
                        .put("at", head.at().toString()));
    }

    public void close() {
        sender.close();
    }
}
