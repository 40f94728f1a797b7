package org.examhall.bank.category;

/**
 * Something a candidate is examined in and a question belongs to: an operation item of the
 * special operations, or an employee category. Questions and blueprints refer to it by code only.
 */
public sealed interface ExamCategory permits OperationItem, EmployeeCategory {

    String code();

    String name();
}
