package org.examhall.server.sessions;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.math.BigDecimal;
import java.util.Map;

/**
 * Where sessions get blueprints and papers: the bureau's unified bank. Kept as an interface so the
 * session flow does not depend on how the bank is stored.
 */
public interface PaperSource {

    /** The blueprint's essentials; fails with a 4xx {@code BLUEPRINT_NOT_FOUND} when there is none. */
    Future<BlueprintSummary> blueprint(String blueprintId);

    /**
     * A new paper for one candidate of a session from the current active bank, reproducible from the
     * seed, sharing no more questions with the session's other papers than the blueprint allows.
     *
     * @param client the caller's open transaction: the session's issued papers are read on it, never on
     *               a second pool connection (many rooms starting at once would otherwise exhaust the pool)
     */
    Future<IssuedPaper> assemble(SqlClient client, long sessionId, String blueprintId, long seed);

    /**
     * Drops what this source remembers of the session's issued papers: a transaction that drew some
     * rolled back, so only the papers stored in the database may count against the next draw.
     */
    void forget(long sessionId);

    /**
     * Scores a stored paper against the final answers (item number → labels as displayed). Pure and
     * deterministic: rescoring gives the same result.
     */
    Score score(String serverJson, Map<Integer, String> labels);

    /** @param reportJson the breakdown per section and knowledge point */
    record Score(BigDecimal points, BigDecimal total, boolean passed, String reportJson) {}

    record BlueprintSummary(String id, String operationItem, String title, int durationMinutes) {}

    /**
     * @param serverJson    the whole paper with answer keys, kept by the server only
     * @param candidateJson the paper as the terminal may see it: no keys
     */
    record IssuedPaper(String serverJson, String candidateJson, int items) {}
}
