package org.examhall.proctor.report;

import io.vertx.core.json.JsonObject;
import org.examhall.proctor.detect.Anomaly;

/**
 * The wire form of an anomaly, as exam-server's {@code POST /api/gateway/anomalies} receives it:
 * {@code id, site, room, camera, type, startedAt, endedAt (null while ongoing), confidence, clipUrl, detail}.
 */
public final class AnomalyJson {

    private AnomalyJson() {}

    public static JsonObject toJson(Anomaly a) {
        return new JsonObject()
                .put("id", a.id())
                .put("site", a.site())
                .put("room", a.room())
                .put("camera", a.camera())
                .put("type", a.type().name())
                .put("startedAt", a.startedAt().toString())
                .put("endedAt", a.endedAt() == null ? null : a.endedAt().toString())
                .put("confidence", a.confidence())
                .put("clipUrl", a.clipUrl())
                .put("detail", a.detail() == null ? null : a.detail().en())
                .put("detailZh", a.detail() == null ? null : a.detail().zh());
    }
}
