package org.examhall.bank.category;

import java.util.List;
import java.util.Objects;

/** 作业类别, e.g. 电工作业; groups the operation items a certificate can be issued for. */
public record OperationClass(String code, String name, List<OperationItem> items) {

    public OperationClass {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        items = List.copyOf(items);
    }
}
