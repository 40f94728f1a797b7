package org.examhall.server.bank;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.examhall.bank.io.BankJson;
import org.examhall.bank.io.XlsxQuestionExporter;
import org.examhall.bank.question.Question;
import org.examhall.bank.question.QuestionBank;
import org.examhall.bank.question.QuestionStatus;
import org.examhall.server.audit.Actor;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.JsonBodies;
import org.examhall.server.http.Reply;

/** The bank as a whole: its categories, its statistics, and exports to JSON and .xlsx. */
final class BankOverviewRoutes {

    private static final String XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final Vertx vertx;
    private final BankStore store;
    private final CategoryEditing categories;

    BankOverviewRoutes(Vertx vertx, BankStore store, CategoryEditing categories) {
        this.vertx = vertx;
        this.store = store;
        this.categories = categories;
    }

    void register(ApiRouter api, Access access) {
        api.add(HttpMethod.GET, "/api/bank/categories", access, "The category tree", this::categoryTree);
        api.add(
                HttpMethod.POST,
                "/api/bank/categories",
                access,
                "Add an operation class, operation item or employee category",
                this::addCategory);
        api.add(
                HttpMethod.GET,
                "/api/bank/statistics",
                access,
                "Question counts per category, type, difficulty, knowledge point and status",
                this::statistics);
        api.addRaw(
                HttpMethod.GET,
                "/api/bank/export",
                access,
                "Export the bank as JSON (every version) or .xlsx (newest versions)",
                this::export);
    }

    private Future<Reply> categoryTree(RoutingContext ctx) {
        return store.latest().map(snapshot -> Reply.ok(CategoryEditing.json(snapshot.categories())));
    }

    private Future<Reply> addCategory(RoutingContext ctx) {
        return categories.add(JsonBodies.object(ctx), Actor.of(ctx)).map(Reply::created);
    }

    private Future<Reply> statistics(RoutingContext ctx) {
        String category = RequestValues.text(ctx, "category", 64);
        return store.latest().map(snapshot -> Reply.ok(BankStatistics.of(snapshot, category)));
    }

    /** Query: format=json|xlsx (json), category, status (xlsx: of the newest version). */
    private void export(RoutingContext ctx) {
        boolean xlsx = "xlsx".equalsIgnoreCase(RequestValues.text(ctx, "format", 10));
        String category = RequestValues.text(ctx, "category", 64);
        QuestionStatus status = RequestValues.constant(ctx, "status", QuestionStatus.class);
        store.latest()
                .compose(snapshot -> vertx.executeBlocking(
                                () -> {
                                    QuestionBank bank = snapshot.bank();
                                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                                    if (xlsx) {
                                        List<Question> newest = bank.latestVersions().stream()
                                                .filter(q -> category == null
                                                        || q.content()
                                                                .category()
                                                                .equals(category))
                                                .filter(q -> status == null || q.status() == status)
                                                .toList();
                                        XlsxQuestionExporter.write(newest, out);
                                    } else {
                                        List<Question> versions = bank.latestVersions().stream()
                                                .filter(q -> category == null
                                                        || q.content()
                                                                .category()
                                                                .equals(category))
                                                .flatMap(q -> bank.versions(q.id()).stream())
                                                .toList();
                                        BankJson.write(QuestionBank.of(bank.version(), versions), out);
                                    }
                                    return Buffer.buffer(out.toByteArray());
                                },
                                false)
                        .map(file -> {
                            String name = "question-bank-v" + snapshot.bank().version() + (xlsx ? ".xlsx" : ".json");
                            ctx.response()
                                    .putHeader("Content-Type", xlsx ? XLSX_TYPE : "application/json; charset=utf-8")
                                    .putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"")
                                    .putHeader("Cache-Control", "no-store")
                                    .end(file);
                            return file;
                        }))
                .onFailure(ctx::fail);
    }
}
