package org.examhall.server.institutions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** A class's training-side records for its archive (一期一档): the class with attendance, its applications and their proofs. */
public final class ClassRecords {

    private final Pool pool;
    private final Proofs proofs;

    ClassRecords(Pool pool, Proofs proofs) {
        this.pool = pool;
        this.proofs = proofs;
    }

    /** The class with its members, hours and attendance days; CLASS_NOT_FOUND when there is none. */
    public Future<JsonObject> classDetail(long classId) {
        return TrainingClasses.detail(pool, classId);
    }

    /** Every application made for the class (retakes included), with roster, results and proof metadata. */
    public Future<List<JsonObject>> applications(long classId) {
        return pool.preparedQuery("SELECT id FROM exam_application WHERE class_id = $1 ORDER BY id")
                .execute(Tuple.of(classId))
                .compose(rows -> {
                    List<Future<JsonObject>> all = new ArrayList<>();
                    rows.forEach(r -> all.add(Applications.detail(pool, r.getLong("id"), true)));
                    return Future.all(all).map(done -> done.<JsonObject>list());
                });
    }

    /** The application's proof files, decrypted and checked against their recorded SM3 hashes. */
    public Future<List<Proofs.Stored>> proofs(long applicationId) {
        return proofs.loadAll(pool, applicationId);
    }
}
