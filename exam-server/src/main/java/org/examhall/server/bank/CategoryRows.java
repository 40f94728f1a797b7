package org.examhall.server.bank;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.examhall.bank.category.CategoryTree;
import org.examhall.bank.category.EmployeeCategory;
import org.examhall.bank.category.EmployeeRole;
import org.examhall.bank.category.OperationClass;
import org.examhall.bank.category.OperationItem;

/** The category tree in the {@code bank_category} table, kept in the order it was written. */
final class CategoryRows {

    private static final String INSERT = "INSERT INTO bank_category (code, kind, parent_code, name, employee_role,"
            + " industry, position) VALUES ($1, $2, $3, $4, $5, $6,"
            + " (SELECT coalesce(max(position), 0) + 1 FROM bank_category))";

    private CategoryRows() {}

    static Future<CategoryTree> load(SqlClient client) {
        return client.query("SELECT code, kind, parent_code, name, employee_role, industry FROM bank_category"
                        + " ORDER BY position, code")
                .execute()
                .map(rows -> {
                    Map<String, String> classNames = new LinkedHashMap<>();
                    Map<String, List<OperationItem>> items = new LinkedHashMap<>();
                    List<EmployeeCategory> employees = new ArrayList<>();
                    for (Row row : rows) {
                        String code = row.getString("code");
                        switch (row.getString("kind")) {
                            case "OPERATION_CLASS" -> {
                                classNames.put(code, row.getString("name"));
                                items.putIfAbsent(code, new ArrayList<>());
                            }
                            case "OPERATION_ITEM" ->
                                items.computeIfAbsent(row.getString("parent_code"), c -> new ArrayList<>())
                                        .add(new OperationItem(code, row.getString("name")));
                            default ->
                                employees.add(new EmployeeCategory(
                                        code,
                                        EmployeeRole.valueOf(row.getString("employee_role")),
                                        row.getString("industry")));
                        }
                    }
                    List<OperationClass> classes = new ArrayList<>();
                    classNames.forEach((code, name) -> classes.add(new OperationClass(code, name, items.get(code))));
                    return new CategoryTree(classes, employees);
                });
    }

    static Future<Boolean> isEmpty(SqlClient client) {
        return client.query("SELECT NOT EXISTS (SELECT 1 FROM bank_category)")
                .execute()
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    /** Writes a whole tree, classes before their items. */
    static Future<Void> insertTree(SqlConnection tx, CategoryTree tree) {
        Future<Void> chain = Future.succeededFuture();
        for (OperationClass operationClass : tree.operationClasses()) {
            chain = chain.compose(x -> insertClass(tx, operationClass.code(), operationClass.name()));
            for (OperationItem item : operationClass.items()) {
                chain = chain.compose(x -> insertItem(tx, item.code(), item.name(), operationClass.code()));
            }
        }
        for (EmployeeCategory employee : tree.employeeCategories()) {
            chain = chain.compose(x -> insertEmployee(tx, employee.code(), employee.role(), employee.industry()));
        }
        return chain;
    }

    static Future<Void> insertClass(SqlConnection tx, String code, String name) {
        return insert(tx, Tuple.of(code, "OPERATION_CLASS", null, name, null, null));
    }

    static Future<Void> insertItem(SqlConnection tx, String code, String name, String classCode) {
        return insert(tx, Tuple.of(code, "OPERATION_ITEM", classCode, name, null, null));
    }

    static Future<Void> insertEmployee(SqlConnection tx, String code, EmployeeRole role, String industry) {
        String name = new EmployeeCategory(code, role, industry).name();
        return insert(tx, Tuple.of(code, "EMPLOYEE", null, name, role.name(), industry));
    }

    private static Future<Void> insert(SqlConnection tx, Tuple row) {
        return tx.preparedQuery(INSERT).execute(row).mapEmpty();
    }
}
