package org.examhall.tools.demo;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.Set;
import org.examhall.server.audit.Actor;
import org.examhall.server.institutions.CreditCode;
import org.examhall.server.institutions.Institutions;

/**
 * The demo's training institution, with the printed {@code institution1} account linked to it, so an
 * institution's pages have something of their own to show.
 */
final class DemoInstitution {

    private static final String CREDIT_CODE_FIRST17 = "91320100MA1Y2B3C4";

    private DemoInstitution() {}

    static Future<Void> seed(Pool pool, Institutions institutions, long institutionStaffId) {
        Actor actor = Actor.system("demo");
        return pool.query("SELECT count(*) AS n FROM institution")
                .execute()
                .compose(rows -> rows.iterator().next().getLong("n") > 0
                        ? Future.succeededFuture()
                        : institutions
                                .register(
                                        "安培职业培训学校（演示）",
                                        CREDIT_CODE_FIRST17 + CreditCode.checkCharacter(CREDIT_CODE_FIRST17),
                                        Set.of("ELEC-LV", "WELD-FUSION", "HEIGHT-INSTALL"),
                                        actor)
                                .compose(created ->
                                        institutions.linkStaff(created.getLong("id"), institutionStaffId, actor))
                                .mapEmpty());
    }
}
