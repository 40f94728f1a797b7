package org.examhall.server.bank;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import org.examhall.bank.analysis.ItemAnalysis;
import org.examhall.bank.io.ItemAnalysisExporter;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionBank;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.Reply;

/** What scored sittings say about the bank's questions: as JSON for the page, and as .xlsx. */
final class ItemAnalysisRoutes {

    private static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final Vertx vertx;
    private final BankStore store;
    private final ItemAnalysisService analysis;

    ItemAnalysisRoutes(Vertx vertx, BankStore store, ItemAnalysisService analysis) {
        this.vertx = vertx;
        this.store = store;
        this.analysis = analysis;
    }

    void register(ApiRouter api, Access access) {
        api.add(
                HttpMethod.GET,
                "/api/bank/item-analysis",
                access,
                "Item statistics per question version and session statistics from every scored sitting",
                this::report);
        api.addRaw(
                HttpMethod.GET,
                "/api/bank/item-analysis/export",
                access,
                "The item analysis as an .xlsx workbook",
                this::export);
    }

    private Future<Reply> report(RoutingContext ctx) {
        String category = RequestValues.text(ctx, "category", 64);
        return analysis.report()
                .compose(report -> store.latest()
                        .map(snapshot -> Reply.ok(ItemAnalysisJson.of(report, snapshot.bank(), category))));
    }

    private void export(RoutingContext ctx) {
        String category = RequestValues.text(ctx, "category", 64);
        analysis.report()
                .compose(report -> store.latest()
                        .compose(snapshot -> vertx.executeBlocking(
                                () -> {
                                    QuestionBank bank = snapshot.bank();
                                    ItemAnalysis.Report shown = new ItemAnalysis.Report(
                                            report.items().stream()
                                                    .filter(i -> category == null
                                                            || bank.find(i.question())
                                                                    .map(q -> q.content()
                                                                            .category()
                                                                            .equals(category))
                                                                    .orElse(false))
                                                    .toList(),
                                            report.sessions());
                                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                                    ItemAnalysisExporter.write(
                                            shown,
                                            ref -> bank.find(ref)
                                                    .map(Question::content)
                                                    .orElse(null),
                                            out);
                                    return Buffer.buffer(out.toByteArray());
                                },
                                false)))
                .map(file -> {
                    ctx.response()
                            .putHeader("Content-Type", XLSX_TYPE)
                            .putHeader("Content-Disposition", "attachment; filename=\"item-analysis.xlsx\"")
                            .putHeader("Cache-Control", "no-store")
                            .end(file);
                    return file;
                })
                .onFailure(ctx::fail);
    }
}
