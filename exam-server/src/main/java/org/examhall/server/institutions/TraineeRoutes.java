package org.examhall.server.institutions;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.Errors;
import org.examhall.server.http.Ids;
import org.examhall.server.http.JsonBodies;
import org.examhall.server.http.Reply;
import org.examhall.server.http.Role;
import org.examhall.server.pii.CandidatePhoto;
import org.examhall.server.pii.PersonRoutes;
import org.examhall.server.pii.ResidentIdNumber;

/** An institution's trainees and training classes (the bureau reads classes too). */
final class TraineeRoutes {

    private final Pool pool;
    private final AuditLog audit;
    private final Trainees trainees;
    private final TrainingClasses classes;

    TraineeRoutes(Pool pool, AuditLog audit, Trainees trainees, TrainingClasses classes) {
        this.pool = pool;
        this.audit = audit;
        this.trainees = trainees;
        this.classes = classes;
    }

    void register(ApiRouter api) {
        Access institution = Access.roles(Role.INSTITUTION);
        Access both = Access.roles(Role.BUREAU_ADMIN, Role.INSTITUTION);
        api.add(
                HttpMethod.POST,
                "/api/trainees",
                institution,
                "Register a trainee (ID number, name, photo, employer)",
                this::createTrainee);
        api.add(HttpMethod.GET, "/api/trainees", institution, "The institution's own trainees", this::listTrainees);
        api.add(
                HttpMethod.POST,
                "/api/classes",
                institution,
                "Open a training class (一期) for an operation item in scope",
                this::createClass);
        api.add(
                HttpMethod.GET,
                "/api/classes",
                both,
                "Training classes (an institution sees its own)",
                this::listClasses);
        api.add(
                HttpMethod.GET,
                "/api/classes/:id",
                both,
                "One training class with members, hours and attendance",
                this::classDetail);
        api.add(
                HttpMethod.POST,
                "/api/classes/:id/members",
                institution,
                "Add a trainee to a class and record attendance days with hours",
                this::recordMember);
    }

    private Future<Reply> createTrainee(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        String fullName = JsonBodies.requiredString(body, "fullName", 100);
        ResidentIdNumber id = ResidentIdNumber.parse(JsonBodies.requiredString(body, "idNumber", 32))
                .orElseThrow(PersonRoutes.INVALID_ID_NUMBER::exception);
        String employer = JsonBodies.optionalString(body, "employer", 200);
        byte[] photo = CandidatePhoto.decode(JsonBodies.optionalString(body, "photo", 800_000));
        return Caller.of(pool, ctx)
                .compose(caller -> trainees.register(
                        caller.requireInstitution(),
                        fullName,
                        id,
                        employer == null ? "" : employer,
                        photo,
                        caller.actor()))
                .map(Reply::created);
    }

    private Future<Reply> listTrainees(RoutingContext ctx) {
        return Caller.of(pool, ctx)
                .compose(caller -> trainees.list(caller.requireInstitution())
                        .compose(all -> caller.auditRead(
                                audit,
                                "institution.trainees_read",
                                "institution:" + caller.institutionId(),
                                new JsonObject().put("count", all.size()),
                                Reply.ok(new JsonObject().put("trainees", all)))));
    }

    private Future<Reply> createClass(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        TrainingClasses.NewClass request = new TrainingClasses.NewClass(
                JsonBodies.requiredString(body, "name", 200),
                OperationItems.parse(JsonBodies.requiredString(body, "operationItem", 40)),
                Dates.required(body, "startsOn"),
                Dates.required(body, "endsOn"),
                hours(body, "requiredHours", 1, 1000));
        return Caller.of(pool, ctx)
                .compose(caller -> classes.create(caller.requireInstitution(), request, caller.actor()))
                .map(Reply::created);
    }

    private Future<Reply> listClasses(RoutingContext ctx) {
        return Caller.of(pool, ctx)
                .compose(caller -> classes.list(caller.institutionId())
                        .compose(all -> caller.auditRead(
                                audit,
                                "institution.classes_read",
                                "institution:" + caller.institutionId(),
                                new JsonObject().put("count", all.size()),
                                Reply.ok(new JsonObject().put("classes", all)))));
    }

    private Future<Reply> classDetail(RoutingContext ctx) {
        long id = Ids.path(ctx, "id");
        return Caller.of(pool, ctx)
                .compose(caller -> TrainingClasses.owner(pool, id)
                        .compose(owner -> caller.mayAccess(owner)
                                ? classes.detail(id)
                                : Future.failedFuture(InstitutionErrors.CLASS_NOT_FOUND.exception()))
                        .compose(json -> caller.auditRead(
                                audit, "institution.class_read", "class:" + id, new JsonObject(), Reply.ok(json))));
    }

    private Future<Reply> recordMember(RoutingContext ctx) {
        long classId = Ids.path(ctx, "id");
        JsonObject body = JsonBodies.object(ctx);
        long traineeId = Ids.requiredId(body, "traineeId");
        Object given = body.getValue("attendance");
        if (given != null && !(given instanceof JsonArray)) {
            throw Errors.invalid("字段 attendance 必须是数组", "field attendance must be an array");
        }
        List<TrainingClasses.Day> days = new ArrayList<>();
        JsonArray attendance = given == null ? new JsonArray() : (JsonArray) given;
        if (attendance.size() > 366) {
            throw Errors.invalid("考勤记录不能超过 366 天", "at most 366 attendance days");
        }
        for (Object entry : attendance) {
            if (!(entry instanceof JsonObject day)) {
                throw Errors.invalid("attendance 的每一项必须是 {day, hours}", "each attendance entry must be {day, hours}");
            }
            days.add(new TrainingClasses.Day(Dates.required(day, "day"), hours(day, "hours", 0, 24)));
        }
        return Caller.of(pool, ctx)
                .compose(caller ->
                        classes.recordMember(caller.requireInstitution(), classId, traineeId, days, caller.actor()))
                .map(Reply::ok);
    }

    /** Hours with at most one decimal, from {@code min} to {@code max}. */
    static BigDecimal hours(JsonObject body, String field, int min, int max) {
        Object value = body.getValue(field);
        if (value instanceof Number n) {
            BigDecimal hours = new BigDecimal(n.toString());
            if (hours.compareTo(BigDecimal.valueOf(min)) >= 0
                    && hours.compareTo(BigDecimal.valueOf(max)) <= 0
                    && hours.stripTrailingZeros().scale() <= 1) {
                return hours.setScale(1, RoundingMode.UNNECESSARY);
            }
        }
        throw Errors.invalid(
                "字段 " + field + " 必须是 " + min + " 到 " + max + " 之间的学时数（最多一位小数）",
                "field " + field + " must be hours from " + min + " to " + max + " (at most one decimal)");
    }
}
