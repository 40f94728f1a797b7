package org.examhall.bank.question;

/** The three question types of the safety-production exams. */
public enum QuestionType {
    /** 判断题: two fixed options, 正确 and 错误, one of them correct. */
    TRUE_FALSE("判断题"),
    /** 单选题: one correct option. */
    SINGLE_CHOICE("单选题"),
    /** 多选题: two or more correct options. */
    MULTIPLE_CHOICE("多选题");

    private final String chineseName;

    QuestionType(String chineseName) {
        this.chineseName = chineseName;
    }

    public String chineseName() {
        return chineseName;
    }
}
