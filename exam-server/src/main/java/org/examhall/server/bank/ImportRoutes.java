package org.examhall.server.bank;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.examhall.server.audit.Actor;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.Ids;
import org.examhall.server.http.Reply;

/** Imports from .xlsx, JSON and QTI: started here, then polled for progress and the error report. */
final class ImportRoutes {

    private final ImportRunner runner;
    private final ImportJobs jobs;

    ImportRoutes(ImportRunner runner, ImportJobs jobs) {
        this.runner = runner;
        this.jobs = jobs;
    }

    void register(ApiRouter api, Access access) {
        api.add(
                HttpMethod.POST,
                "/api/bank/imports",
                access,
                "Start an import (.xlsx, JSON or QTI; dry run or all-or-nothing); answers with the job id",
                this::start);
        api.add(HttpMethod.GET, "/api/bank/imports", access, "The newest import jobs", this::recent);
        api.add(
                HttpMethod.GET,
                "/api/bank/imports/:id",
                access,
                "An import's progress, outcome and problems (row, column, reason)",
                this::job);
    }

    private Future<Reply> start(RoutingContext ctx) {
        ImportUpload upload = ImportUpload.from(ctx);
        return runner.submit(upload, Actor.of(ctx)).compose(jobs::get).map(job -> new Reply(202, job.orElseThrow()));
    }

    private Future<Reply> recent(RoutingContext ctx) {
        return jobs.recent(20).map(list -> Reply.ok(new JsonObject().put("imports", list)));
    }

    private Future<Reply> job(RoutingContext ctx) {
        return jobs.get(Ids.path(ctx, "id"))
                .map(job -> Reply.ok(job.orElseThrow(BankErrors.IMPORT_NOT_FOUND::exception)));
    }
}
