package org.examhall.bank.category;

import java.util.Objects;

/** An employee exam category: a role within an industry, e.g. 危险化学品经营单位 + 主要负责人. */
public record EmployeeCategory(String code, EmployeeRole role, String industry) implements ExamCategory {

    public EmployeeCategory {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(industry, "industry");
    }

    @Override
    public String name() {
        return industry + role.chineseName();
    }
}
