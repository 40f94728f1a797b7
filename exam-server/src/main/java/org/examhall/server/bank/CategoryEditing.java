package org.examhall.server.bank;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import org.examhall.bank.category.CategoryTree;
import org.examhall.bank.category.EmployeeCategory;
import org.examhall.bank.category.EmployeeRole;
import org.examhall.bank.category.OperationClass;
import org.examhall.bank.category.OperationItem;
import org.examhall.server.audit.Actor;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.http.JsonBodies;

/**
 * The category tree: shown whole, and extended by the bureau with operation classes, operation
 * items and employee categories. Categories are never removed, since questions and papers name them.
 */
public final class CategoryEditing {

    private final BankStore store;
    private final AuditLog audit;

    public CategoryEditing(BankStore store, AuditLog audit) {
        this.store = store;
        this.audit = audit;
    }

    public static JsonObject json(CategoryTree tree) {
        JsonArray classes = new JsonArray();
        for (OperationClass operationClass : tree.operationClasses()) {
            JsonArray items = new JsonArray();
            for (OperationItem item : operationClass.items()) {
                items.add(new JsonObject().put("code", item.code()).put("name", item.name()));
            }
            classes.add(new JsonObject()
                    .put("code", operationClass.code())
                    .put("name", operationClass.name())
                    .put("items", items));
        }
        JsonArray employees = new JsonArray();
        for (EmployeeCategory category : tree.employeeCategories()) {
            employees.add(new JsonObject()
                    .put("code", category.code())
                    .put("name", category.name())
                    .put("role", category.role().name())
                    .put("industry", category.industry()));
        }
        return new JsonObject().put("operationClasses", classes).put("employeeCategories", employees);
    }

    /**
     * Body: {@code {"kind": "OPERATION_CLASS" | "OPERATION_ITEM" | "EMPLOYEE", "code", "name",
     * "classCode" (items), "role" and "industry" (employee categories)}}.
     */
    public Future<JsonObject> add(JsonObject body, Actor actor) {
        String kind = JsonBodies.requiredString(body, "kind", 20);
        // Question ids are numbered under the category code (code-00001), and ids have at most 64 characters.
        String code = JsonBodies.requiredString(body, "code", 40);
        if (!BlueprintInput.ID.matcher(code).matches()) {
            throw invalid("代码只能包含字母、数字、点、下划线和连字符", "the code may hold only letters, digits, '.', '_' and '-'");
        }
        CategoryTree tree = store.categories();
        if (tree.contains(code)
                || tree.operationClasses().stream().anyMatch(c -> c.code().equals(code))) {
            throw BankErrors.CATEGORY_EXISTS.exception();
        }
        return store.changeCatalog(tx -> (switch (kind) {
                            case "OPERATION_CLASS" ->
                                CategoryRows.insertClass(tx, code, JsonBodies.requiredString(body, "name", 100));
                            case "OPERATION_ITEM" -> {
                                String classCode = JsonBodies.requiredString(body, "classCode", 64);
                                if (tree.operationClasses().stream()
                                        .noneMatch(c -> c.code().equals(classCode))) {
                                    throw invalid("作业类别 " + classCode + " 不存在", "no operation class " + classCode);
                                }
                                yield CategoryRows.insertItem(
                                        tx, code, JsonBodies.requiredString(body, "name", 100), classCode);
                            }
                            case "EMPLOYEE" ->
                                CategoryRows.insertEmployee(
                                        tx,
                                        code,
                                        RequestValues.constant(
                                                JsonBodies.requiredString(body, "role", 20),
                                                "role",
                                                EmployeeRole.class),
                                        JsonBodies.requiredString(body, "industry", 100));
                            default ->
                                throw invalid(
                                        "kind 应为 OPERATION_CLASS、OPERATION_ITEM 或 EMPLOYEE",
                                        "kind must be OPERATION_CLASS, OPERATION_ITEM or EMPLOYEE");
                        })
                        .compose(x -> audit.append(
                                tx,
                                actor.entry(
                                        "bank.category.added",
                                        "category:" + code,
                                        body.copy().put("kind", kind))))
                        .mapEmpty())
                .recover(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState())
                        ? Future.failedFuture(BankErrors.CATEGORY_EXISTS.exception())
                        : Future.failedFuture(e))
                .map(x -> json(store.categories()));
    }

    private static RuntimeException invalid(String zh, String en) {
        return BankErrors.CATEGORY_INVALID.withDetail(zh, en).exception();
    }
}
