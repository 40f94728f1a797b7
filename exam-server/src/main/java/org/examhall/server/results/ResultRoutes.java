package org.examhall.server.results;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.Ids;
import org.examhall.server.http.Reply;
import org.examhall.server.http.Role;
import org.examhall.server.site.SiteClock;

/** Results for the bureau: on screen, per candidate, and as CSV and .xlsx downloads. */
public final class ResultRoutes {

    private final Results results;
    private final ResultTable table;

    public ResultRoutes(Results results, SiteClock clock) {
        this.results = results;
        this.table = new ResultTable(clock);
    }

    public void register(ApiRouter api) {
        Access bureau = Access.roles(Role.BUREAU_ADMIN);
        api.add(
                HttpMethod.GET,
                "/api/sessions/:id/results",
                bureau,
                "A session's results",
                ctx -> results.session(Ids.path(ctx, "id")).map(r -> Reply.ok(new JsonObject().put("results", r))));
        api.add(
                HttpMethod.GET,
                "/api/sittings/:id/answer-sheet",
                bureau,
                "A candidate's paper, answers and scoring breakdown",
                ctx -> results.answerSheet(Ids.path(ctx, "id")).map(Reply::ok));
        api.addRaw(
                HttpMethod.GET, "/api/sessions/:id/results.csv", bureau, "Results as CSV", ctx -> download(ctx, false));
        api.addRaw(
                HttpMethod.GET,
                "/api/sessions/:id/results.xlsx",
                bureau,
                "Results as an Excel workbook",
                ctx -> download(ctx, true));
    }

    private void download(RoutingContext ctx, boolean xlsx) {
        long sessionId;
        try {
            sessionId = Ids.path(ctx, "id");
        } catch (RuntimeException e) {
            ctx.fail(e);
            return;
        }
        Future<JsonArray> rows = results.session(sessionId);
        rows.compose(all -> xlsx
                        ? ctx.vertx().executeBlocking(() -> table.xlsx(all), false)
                        : Future.succeededFuture(Buffer.buffer(table.csv(all))))
                .onSuccess(body -> ctx.response()
                        .putHeader(
                                "Content-Type",
                                xlsx
                                        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                                        : "text/csv; charset=utf-8")
                        .putHeader(
                                "Content-Disposition",
                                "attachment; filename=\"session-" + sessionId + "-results." + (xlsx ? "xlsx" : "csv")
                                        + "\"")
                        .end(body))
                .onFailure(ctx::fail);
    }
}
