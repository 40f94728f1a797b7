package org.examhall.server.papers;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.examhall.bank.assembly.AssemblyException;
import org.examhall.bank.assembly.Paper;
import org.examhall.bank.assembly.PaperAssembler;
import org.examhall.bank.blueprint.Blueprint;
import org.examhall.bank.io.PaperJson;
import org.examhall.bank.question.QuestionBank;
import org.examhall.bank.scoring.PaperScorer;
import org.examhall.bank.scoring.Responses;
import org.examhall.bank.scoring.ScoreReport;
import org.examhall.server.http.ApiError;
import org.examhall.server.sessions.PaperSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Papers from the unified bank through the question-bank library: assembly on a worker thread
 * (it is CPU work), an assembler cached per blueprint and bank version, and scoring of stored papers.
 */
public final class BankPaperSource implements PaperSource {

  public static final ApiError BLUEPRINT_NOT_FOUND = new ApiError(404, "BLUEPRINT_NOT_FOUND",
      "组卷规则不存在", "No such blueprint");
  public static final ApiError ASSEMBLY_FAILED = new ApiError(409, "PAPER_ASSEMBLY_FAILED",
      "题库无法按组卷规则生成试卷", "The bank cannot supply a paper for this blueprint");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Vertx vertx;
  private final BankCatalog catalog;
  private final Map<String, PaperAssembler> assemblers = new ConcurrentHashMap<>();

  public BankPaperSource(Vertx vertx, BankCatalog catalog) {
    this.vertx = vertx;
    this.catalog = catalog;
  }

  @Override
  public Future<BlueprintSummary> blueprint(String blueprintId) {
    return catalog.blueprint(blueprintId).compose(found -> found
        .map(b -> Future.succeededFuture(new BlueprintSummary(b.id(), b.category(), b.title(), b.durationMinutes())))
        .orElseGet(() -> Future.failedFuture(BLUEPRINT_NOT_FOUND.exception())));
  }

  @Override
  public Future<IssuedPaper> assemble(String blueprintId, long seed) {
    return catalog.blueprint(blueprintId).compose(found -> {
      Blueprint blueprint = found.orElseThrow(BLUEPRINT_NOT_FOUND::exception);
      return catalog.currentBank().compose(bank -> vertx.executeBlocking(() -> issue(assembler(blueprint, bank), seed), false));
    });
  }

  private PaperAssembler assembler(Blueprint blueprint, QuestionBank bank) {
    String key = blueprint.id() + "@" + bank.version() + "#" + blueprint.hashCode();
    if (assemblers.size() > 64) {
      assemblers.clear();
    }
    return assemblers.computeIfAbsent(key, k -> new PaperAssembler(blueprint, bank));
  }

  private static IssuedPaper issue(PaperAssembler assembler, long seed) throws IOException {
    try {
      Paper paper = assembler.assemble(seed);
      return new IssuedPaper(PaperJson.write(paper), PaperJson.writeCandidateView(paper.candidateView()), paper.questionCount());
    } catch (AssemblyException e) {
      throw ASSEMBLY_FAILED.withDetail(e.getMessage(), e.getMessage()).exception();
    }
  }

  @Override
  public Score score(String serverJson, Map<Integer, String> labels) {
    try {
      Paper paper = PaperJson.read(serverJson, catalog.categories());
      ScoreReport report = PaperScorer.score(paper, Responses.ofLabels(labels));
      return new Score(report.score(), report.totalPoints(), report.passed(), JSON.writeValueAsString(report));
    } catch (IOException e) {
      throw new UncheckedIOException("stored paper cannot be read", e);
    }
  }
}
