package org.examhall.bank.category;

/** The two kinds of employees that are examined per industry rather than per operation. */
public enum EmployeeRole {
    /** 主要负责人. */
    PRINCIPAL("主要负责人"),
    /** 安全生产管理人员. */
    SAFETY_MANAGER("安全生产管理人员");

    private final String chineseName;

    EmployeeRole(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }
}
