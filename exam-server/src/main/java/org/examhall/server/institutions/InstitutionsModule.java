package org.examhall.server.institutions;

import io.vertx.core.http.HttpMethod;
import io.vertx.sqlclient.Pool;
import java.time.Year;
import java.time.ZoneId;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.crypto.KeyMaterial;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.Errors;
import org.examhall.server.http.Reply;
import org.examhall.server.http.Role;
import org.examhall.server.pii.PersonRegistry;
import org.examhall.server.sessions.Sessions;

/**
 * Training institutions assembled: registration and sanctions (bureau), trainees, classes and
 * applications (institution), review and assignment to sessions (bureau), the yearly assessment.
 */
public final class InstitutionsModule {

    private final InstitutionRoutes institutionRoutes;
    private final TraineeRoutes traineeRoutes;
    private final ApplicationRoutes applicationRoutes;
    private final YearlyAssessment assessment;
    private final ClassRecords classRecords;
    private final Institutions institutions;

    public InstitutionsModule(Pool pool, AuditLog audit, KeyMaterial keys, PersonRegistry persons, Sessions sessions) {
        Trainees trainees = new Trainees(pool, audit, persons, keys.dataCipher());
        Proofs proofs = new Proofs(pool, audit, keys.dataCipher());
        this.classRecords = new ClassRecords(pool, proofs);
        this.institutions = new Institutions(pool, audit);
        this.institutionRoutes = new InstitutionRoutes(pool, audit, institutions);
        this.traineeRoutes = new TraineeRoutes(pool, audit, trainees, new TrainingClasses(pool, audit));
        this.applicationRoutes = new ApplicationRoutes(
                pool,
                audit,
                new Applications(pool, audit),
                proofs,
                new ApplicationReview(pool, audit, trainees, sessions),
                new PublishedResults(pool),
                new ExamArrangements(pool));
        this.assessment = new YearlyAssessment(pool);
    }

    public void register(ApiRouter api) {
        institutionRoutes.register(api);
        traineeRoutes.register(api);
        applicationRoutes.register(api);
        api.add(
                HttpMethod.GET,
                "/api/assessment",
                Access.roles(Role.BUREAU_ADMIN),
                "Yearly assessment per institution: pass and retake rates, incidents, sanctions (?year=)",
                ctx -> {
                    String value = ctx.queryParams().get("year");
                    int year;
                    try {
                        year = value == null
                                ? Year.now(ZoneId.of("Asia/Shanghai")).getValue()
                                : Integer.parseInt(value.trim());
                    } catch (NumberFormatException e) {
                        year = -1;
                    }
                    if (year < 2000 || year > 2100) {
                        throw Errors.invalid(
                                "查询参数 year 必须是 2000 到 2100 之间的年份",
                                "query parameter year must be a year from 2000 to 2100");
                    }
                    return assessment.of(year).map(Reply::ok);
                });
    }

    /** The register of training institutions, for those who set one up outside the API (the demo). */
    public Institutions institutions() {
        return institutions;
    }

    /** The training-side records of a class, for its archive (一期一档). */
    public ClassRecords classRecords() {
        return classRecords;
    }
}
