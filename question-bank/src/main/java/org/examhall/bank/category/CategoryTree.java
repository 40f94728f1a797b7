package org.examhall.bank.category;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** All categories a bank can hold questions for, looked up by code. */
public final class CategoryTree {

    private final List<OperationClass> operationClasses;
    private final List<EmployeeCategory> employeeCategories;
    private final Map<String, ExamCategory> byCode = new HashMap<>();

    public CategoryTree(List<OperationClass> operationClasses, List<EmployeeCategory> employeeCategories) {
        this.operationClasses = List.copyOf(operationClasses);
        this.employeeCategories = List.copyOf(employeeCategories);
        for (OperationClass operationClass : this.operationClasses) {
            operationClass.items().forEach(this::register);
        }
        this.employeeCategories.forEach(this::register);
    }

    private void register(ExamCategory category) {
        if (byCode.putIfAbsent(category.code(), category) != null) {
            throw new IllegalArgumentException("duplicate category code " + category.code());
        }
    }

    public List<OperationClass> operationClasses() {
        return operationClasses;
    }

    public List<EmployeeCategory> employeeCategories() {
        return employeeCategories;
    }

    public Optional<ExamCategory> find(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    public boolean contains(String code) {
        return byCode.containsKey(code);
    }
}
