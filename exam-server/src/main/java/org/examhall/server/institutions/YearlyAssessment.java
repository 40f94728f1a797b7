package org.examhall.server.institutions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * The bureau's yearly assessment of each institution (县应急管理局每年对各培训机构进行考核评估): from
 * published results of sessions held that year (Beijing time), the pass rate, the share of sittings
 * that were retakes, the incidents recorded against its trainees, its applications and sanctions.
 */
final class YearlyAssessment {

    private final Pool pool;

    YearlyAssessment(Pool pool) {
        this.pool = pool;
    }

    Future<JsonObject> of(int year) {
        return pool.preparedQuery("""
            WITH sat AS (
              SELECT a.institution_id, a.retake_of IS NOT NULL AS retake, t.id AS sitting_id, t.passed
                FROM exam_application a JOIN application_trainee r ON r.application_id = a.id
                JOIN sitting t ON t.id = r.sitting_id JOIN exam_session s ON s.id = t.session_id
               WHERE s.published_at IS NOT NULL AND extract(year FROM s.starts_at AT TIME ZONE 'Asia/Shanghai') = $1::int)
            SELECT i.id, i.name, i.credit_code,
                   (SELECT count(*) FROM sat WHERE sat.institution_id = i.id) AS examined,
                   (SELECT count(*) FROM sat WHERE sat.institution_id = i.id AND sat.passed) AS passed,
                   (SELECT count(*) FROM sat WHERE sat.institution_id = i.id AND sat.retake) AS retakes,
                   (SELECT count(*) FROM sat JOIN incident x ON x.sitting_id = sat.sitting_id WHERE sat.institution_id = i.id) AS incidents,
                   (SELECT count(*) FROM sat JOIN incident x ON x.sitting_id = sat.sitting_id
                     WHERE sat.institution_id = i.id AND x.severity = 'SERIOUS') AS serious_incidents,
                   (SELECT count(*) FROM exam_application a WHERE a.institution_id = i.id
                     AND extract(year FROM a.created_at AT TIME ZONE 'Asia/Shanghai') = $1::int) AS applications,
                   (SELECT count(*) FROM exam_application a WHERE a.institution_id = i.id AND a.status = 'REJECTED'
                     AND extract(year FROM a.created_at AT TIME ZONE 'Asia/Shanghai') = $1::int) AS rejected,
                   (SELECT count(*) FROM institution_sanction x WHERE x.institution_id = i.id
                     AND x.starts_on <= make_date($1::int, 12, 31) AND x.ends_on >= make_date($1::int, 1, 1)) AS sanctions
              FROM institution i ORDER BY i.id""").execute(Tuple.of(year)).map(rows -> {
            JsonArray out = new JsonArray();
            for (Row r : rows) {
                long examined = r.getLong("examined");
                out.add(new JsonObject()
                        .put("institutionId", r.getLong("id"))
                        .put("name", r.getString("name"))
                        .put("creditCode", r.getString("credit_code"))
                        .put("examined", examined)
                        .put("passed", r.getLong("passed"))
                        .put("passRate", rate(r.getLong("passed"), examined))
                        .put("retakes", r.getLong("retakes"))
                        .put("retakeRate", rate(r.getLong("retakes"), examined))
                        .put("incidents", r.getLong("incidents"))
                        .put("seriousIncidents", r.getLong("serious_incidents"))
                        .put("applications", r.getLong("applications"))
                        .put("rejectedApplications", r.getLong("rejected"))
                        .put("sanctions", r.getLong("sanctions")));
            }
            return new JsonObject().put("year", year).put("institutions", out);
        });
    }

    /** A share rounded to four decimals, or null when there is nothing to divide. */
    static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }
}
