package org.examhall.server.bank;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.Role;

/**
 * Bank administration for the bureau: questions, imports, blueprints, statistics, item analysis and exports. Every
 * route is for bureau administrators only: institutions, proctors and auditors never reach the bank.
 */
public final class BankRoutes {

    /** Who may call any bank, blueprint or paper-preview route. */
    public static final Access BUREAU_ONLY = Access.roles(Role.BUREAU_ADMIN);

    private final QuestionRoutes questions;
    private final ImportRoutes imports;
    private final BlueprintRoutes blueprints;
    private final BankOverviewRoutes overview;
    private final ItemAnalysisRoutes itemAnalysis;

    public BankRoutes(Vertx vertx, Pool pool, AuditLog audit, BankStore store, String nodeName) {
        ImportJobs jobs = new ImportJobs(pool, nodeName);
        ItemAnalysisService analysis = new ItemAnalysisService(vertx, store, new ScoredSittings(pool));
        this.questions = new QuestionRoutes(new QuestionSearch(pool), new QuestionEditing(store), analysis);
        this.imports = new ImportRoutes(new ImportRunner(vertx, store, jobs), jobs);
        this.blueprints = new BlueprintRoutes(vertx, store, new BlueprintEditing(pool, audit, store), audit);
        this.overview = new BankOverviewRoutes(vertx, store, new CategoryEditing(store, audit));
        this.itemAnalysis = new ItemAnalysisRoutes(vertx, store, analysis);
    }

    public void register(ApiRouter api) {
        questions.register(api, BUREAU_ONLY);
        imports.register(api, BUREAU_ONLY);
        blueprints.register(api, BUREAU_ONLY);
        overview.register(api, BUREAU_ONLY);
        itemAnalysis.register(api, BUREAU_ONLY);
    }
}
