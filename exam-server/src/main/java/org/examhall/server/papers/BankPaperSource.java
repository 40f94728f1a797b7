package org.examhall.server.papers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.examhall.bank.assembly.AssemblyException;
import org.examhall.bank.assembly.Paper;
import org.examhall.bank.assembly.PaperAssembler;
import org.examhall.bank.assembly.SittingAssembler;
import org.examhall.bank.blueprint.Blueprint;
import org.examhall.bank.blueprint.InvalidBlueprintException;
import org.examhall.bank.io.PaperJson;
import org.examhall.bank.question.QuestionBank;
import org.examhall.bank.scoring.PaperScorer;
import org.examhall.bank.scoring.Responses;
import org.examhall.bank.scoring.ScoreReport;
import org.examhall.protocol.http.ApiError;
import org.examhall.server.sessions.PaperSource;

/**
 * Papers from the unified bank through the question-bank library. Each session draws through its
 * own {@link SittingAssembler}, so the blueprint's limit on questions shared between two papers of
 * a sitting holds; after a restart the session's issued papers are registered again first, in the
 * order they were issued. Assembly runs on a worker thread: it is CPU work.
 */
public final class BankPaperSource implements PaperSource {

    public static final ApiError BLUEPRINT_NOT_FOUND =
            new ApiError(404, "BLUEPRINT_NOT_FOUND", "组卷规则不存在", "No such blueprint");
    public static final ApiError ASSEMBLY_FAILED = new ApiError(
            409, "PAPER_ASSEMBLY_FAILED", "题库无法按组卷规则生成试卷", "The bank cannot supply a paper for this blueprint");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_CACHED_SESSIONS = 256;

    private final Vertx vertx;
    private final BankCatalog catalog;
    private final Map<String, SittingAssembler> sittings = new ConcurrentHashMap<>();
    private final DrawnPapers drawn = new DrawnPapers();

    public BankPaperSource(Vertx vertx, BankCatalog catalog) {
        this.vertx = vertx;
        this.catalog = catalog;
    }

    @Override
    public Future<BlueprintSummary> blueprint(String blueprintId) {
        return catalog.blueprint(blueprintId)
                .compose(found -> found.map(b -> Future.succeededFuture(
                                new BlueprintSummary(b.id(), b.category(), b.title(), b.durationMinutes())))
                        .orElseGet(() -> Future.failedFuture(BLUEPRINT_NOT_FOUND.exception())));
    }

    @Override
    public Future<IssuedPaper> assemble(SqlClient client, long sessionId, String blueprintId, long seed) {
        return catalog.blueprint(blueprintId).compose(found -> {
            Blueprint blueprint = found.orElseThrow(BLUEPRINT_NOT_FOUND::exception);
            return catalog.currentBank().compose(bank -> {
                String key = sessionId + "@" + bank.version() + "#" + blueprint.hashCode();
                SittingAssembler cached = sittings.get(key);
                Future<List<String>> issued =
                        cached != null ? Future.succeededFuture(List.of()) : issuedPapers(client, sessionId);
                return issued.compose(
                        previous -> vertx.executeBlocking(() -> issue(key, blueprint, bank, previous, seed), false));
            });
        });
    }

    @Override
    public void forget(long sessionId) {
        String prefix = sessionId + "@";
        sittings.keySet().removeIf(key -> key.startsWith(prefix));
    }

    private static Future<List<String>> issuedPapers(SqlClient client, long sessionId) {
        return client.preparedQuery("SELECT paper FROM sitting WHERE session_id = $1 AND paper IS NOT NULL ORDER BY id")
                .execute(Tuple.of(sessionId))
                .map(rows -> {
                    List<String> papers = new ArrayList<>();
                    for (Row row : rows) {
                        papers.add(row.getString("paper"));
                    }
                    return papers;
                });
    }

    private IssuedPaper issue(String key, Blueprint blueprint, QuestionBank bank, List<String> previous, long seed)
            throws IOException {
        try {
            if (sittings.size() > MAX_CACHED_SESSIONS) {
                sittings.clear();
            }
            SittingAssembler sitting =
                    sittings.computeIfAbsent(key, k -> restored(new PaperAssembler(blueprint, bank), previous));
            Paper paper = sitting.assemble(seed);
            String serverJson = PaperJson.write(paper);
            drawn.remember(serverJson, paper);
            return new IssuedPaper(
                    serverJson, PaperJson.writeCandidateView(paper.candidateView()), paper.questionCount());
        } catch (AssemblyException | InvalidBlueprintException e) {
            throw ASSEMBLY_FAILED.withDetail(e.getMessage(), e.getMessage()).exception();
        }
    }

    private static SittingAssembler restored(PaperAssembler assembler, List<String> previous) {
        SittingAssembler sitting = new SittingAssembler(assembler);
        for (String json : previous) {
            try {
                sitting.register(PaperJson.read(json));
            } catch (IOException e) {
                throw new UncheckedIOException("an issued paper cannot be read", e);
            }
        }
        return sitting;
    }

    @Override
    public Score score(String serverJson, Map<Integer, String> labels) {
        try {
            // Read without checking today's category tree: an archived paper stays scorable after a category is
            // withdrawn.
            Paper paper = drawn.take(serverJson).orElse(null);
            if (paper == null) {
                paper = PaperJson.read(serverJson);
            }
            ScoreReport report = PaperScorer.score(paper, Responses.ofLabels(labels));
            return new Score(report.score(), report.totalPoints(), report.passed(), JSON.writeValueAsString(report));
        } catch (IOException e) {
            throw new UncheckedIOException("stored paper cannot be read", e);
        }
    }
}
