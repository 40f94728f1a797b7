package org.examhall.server.archive;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.examhall.protocol.crypto.Sm2;
import org.examhall.protocol.crypto.Sm3;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.crypto.BureauKeys;
import org.examhall.server.institutions.ClassRecords;
import org.examhall.server.proctoring.RoomRecord;
import org.examhall.server.results.ResultHistory;

/**
 * 一期一档: everything kept about one training class, as one signed ZIP. Training side: the class
 * with members and attendance, each application with roster, review and proof files. Exam side, for
 * each sitting of its trainees: the paper (with keys), the answer log, the score report, the result's
 * versions at the province with every correction and, when a key correction replaced the paper, the
 * paper its first result was scored on (what the candidate was first told and why it changed); per session:
 * the room record with its signatures, the class's incidents and the video references (room camera
 * and each sitting's time range) that locate the recordings.
 */
public final class ClassArchive {

    private final Vertx vertx;
    private final AuditLog audit;
    private final ClassRecords training;
    private final ExamRecords exams;
    private final RoomRecord roomRecords;
    private final BureauKeys keys;
    private final ResultHistory results;

    public ClassArchive(Vertx vertx, Pool pool, AuditLog audit, ClassRecords training, BureauKeys keys) {
        this.vertx = vertx;
        this.audit = audit;
        this.training = training;
        this.exams = new ExamRecords(pool);
        this.roomRecords = new RoomRecord(pool, audit);
        this.keys = keys;
        this.results = new ResultHistory(pool);
    }

    /** The archive's ZIP bytes; the export is recorded in the audit chain with the index hash. */
    public Future<byte[]> export(long classId, Actor actor) {
        if (!keys.canSign()) {
            return Future.failedFuture(ArchiveErrors.SIGNING_KEY_MISSING.exception());
        }
        ArchiveZip zip = new ArchiveZip();
        return training.classDetail(classId)
                .compose(detail -> {
                    zip.addJson("class.json", detail);
                    return training.applications(classId);
                })
                .compose(applications -> addApplications(zip, applications))
                .compose(x -> exams.sittings(classId))
                .compose(sittings -> addSittings(zip, sittings))
                .compose(x -> vertx.executeBlocking(
                        () -> {
                            zip.add(
                                    "bureau-public.pem",
                                    Sm2.pem(keys.publicKey()).getBytes(StandardCharsets.US_ASCII));
                            String index = zip.index(new JsonObject()
                                    .put("classId", classId)
                                    .put("generatedAt", Instant.now().toString())
                                    .put("algorithm", Sm2.ALGORITHM)
                                    .put("keyId", keys.keyId()));
                            String signature = keys.sign(index);
                            return new Signed(index, zip.write(index, signature));
                        },
                        false))
                .compose(signed -> audit.append(actor.entry(
                                "archive.exported",
                                "class:" + classId,
                                new JsonObject()
                                        .put("indexSm3", Sm3.hex(signed.index().getBytes(StandardCharsets.UTF_8)))))
                        .map(seq -> signed.zip()));
    }

    /** The result first published: before the first correction, or the current one when there was none. */
    private static JsonObject firstResult(JsonObject history, JsonObject summary) {
        JsonObject first = history.getJsonArray("versions").getJsonObject(0);
        JsonObject correction = history.getJsonArray("versions").size() > 1
                ? history.getJsonArray("versions").getJsonObject(1).getJsonObject("correction")
                : null;
        return correction == null
                ? new JsonObject()
                        .put("outcome", first.getString("outcome"))
                        .put("score", summary.getDouble("score"))
                        .put("passed", summary.getBoolean("passed"))
                : new JsonObject()
                        .put("outcome", correction.getString("outcomeBefore"))
                        .put("score", correction.getDouble("scoreBefore"))
                        .put("passed", correction.getBoolean("passedBefore"));
    }

    private record Signed(String index, byte[] zip) {}

    private Future<Void> addApplications(ArchiveZip zip, List<JsonObject> applications) {
        Future<Void> chain = Future.succeededFuture();
        for (JsonObject application : applications) {
            long id = application.getLong("id");
            zip.addJson("applications/" + id + "/application.json", application);
            chain = chain.compose(x -> training.proofs(id)).map(proofs -> {
                proofs.forEach(
                        p -> zip.add("applications/" + id + "/proofs/" + p.id() + "-" + p.fileName(), p.content()));
                return null;
            });
        }
        return chain;
    }

    private Future<Void> addSittings(ArchiveZip zip, List<ExamRecords.Sitting> sittings) {
        Set<Long> sessions = new LinkedHashSet<>();
        for (ExamRecords.Sitting s : sittings) {
            sessions.add(s.sessionId());
            String dir = "sittings/" + s.id() + "/";
            zip.addJson(dir + "sitting.json", s.summary());
            if (s.paper() != null) {
                zip.addJson(dir + "paper.json", s.paper());
            }
            zip.addJson(
                    dir + "answers.json",
                    new JsonObject().put("sittingId", s.id()).put("steps", s.answerLog()));
            if (s.scoreReport() != null) {
                zip.addJson(dir + "score.json", s.scoreReport());
            }
            if (s.firstPaper() != null) {
                zip.addJson(dir + "paper-as-first-scored.json", s.firstPaper());
            }
        }
        Future<Void> chain = Future.succeededFuture();
        for (ExamRecords.Sitting s : sittings) {
            chain = chain.compose(x -> results.of(s.id())).map(history -> {
                if (!history.getJsonArray("versions").isEmpty()) {
                    zip.addJson(
                            "sittings/" + s.id() + "/result-versions.json",
                            history.put("firstResult", firstResult(history, s.summary())));
                }
                return null;
            });
        }
        for (long sessionId : sessions) {
            String dir = "sessions/" + sessionId + "/";
            chain = chain.compose(x -> roomRecords.build(sessionId))
                    .compose(record -> exams.sessionExtras(sessionId, sittings).map(extras -> {
                        zip.addJson(
                                dir + "room-record.json", record.put("signatures", extras.getJsonArray("signatures")));
                        zip.addJson(
                                dir + "incidents.json",
                                new JsonObject().put("incidents", extras.getJsonArray("incidents")));
                        zip.addJson(dir + "video.json", extras.getJsonObject("video"));
                        return null;
                    }));
        }
        return chain;
    }
}
