package org.examhall.bank.category;

import java.util.Objects;

/** 操作项目, the leaf of the special-operations tree, e.g. 低压电工作业. */
public record OperationItem(String code, String name) implements ExamCategory {

    public OperationItem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
    }
}
