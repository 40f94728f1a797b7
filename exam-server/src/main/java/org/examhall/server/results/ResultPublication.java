package org.examhall.server.results;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.papers.BankCatalog;
import org.examhall.server.province.ProvinceModule;
import org.examhall.server.sessions.PaperSource;

/**
 * Publication and corrections of results assembled: each writes signed result packages into the provincial
 * connector's outbox and wakes its delivery worker.
 */
public final class ResultPublication {

    private final PublicationRoutes routes;

    public ResultPublication(
            Vertx vertx, Pool pool, AuditLog audit, ProvinceModule province, PaperSource papers, BankCatalog bank) {
        Corrections corrections =
                new Corrections(vertx, pool, audit, province.keys(), province.packages(), papers, bank);
        this.routes = new PublicationRoutes(
                new Publishing(pool, audit, province.keys(), province.packages()),
                corrections,
                new SessionCorrections(pool, audit, province.keys(), corrections),
                new ResultHistory(pool),
                province::wake);
    }

    public void register(ApiRouter api) {
        routes.register(api);
    }
}
