package org.examhall.server.results;

import org.examhall.protocol.http.ApiError;

/** Why a correction of a published result was refused. */
final class CorrectionErrors {

    static final ApiError NOT_PUBLISHED = new ApiError(
            409,
            "RESULTS_NOT_PUBLISHED",
            "只有已发布的成绩才能更正；未发布的成绩请在发布前处理",
            "Only published results can be corrected; settle unpublished ones before publishing");
    static final ApiError NOT_APPLICABLE = new ApiError(
            409,
            "CORRECTION_NOT_APPLICABLE",
            "该考生的结果不能做此项更正",
            "This kind of correction does not apply to this sitting's result");
    static final ApiError CHANGES_NOTHING = new ApiError(
            409,
            "CORRECTION_CHANGES_NOTHING",
            "更正后的分数和合格结论与当前相同，不生成新版本",
            "The corrected score and pass decision equal the current ones; no new version is made");
    static final ApiError QUESTION_NOT_ON_PAPER =
            new ApiError(400, "QUESTION_NOT_ON_PAPER", "试题不在该考生的试卷上", "The question is not on this candidate's paper");
    static final ApiError QUESTION_NOT_IN_SESSION = new ApiError(
            400,
            "QUESTION_NOT_IN_SESSION",
            "该场次没有任何有效成绩的试卷含有此题",
            "No submitted paper of this session holds the question");
    static final ApiError KEY_DOES_NOT_FIT = new ApiError(
            400,
            "KEY_DOES_NOT_FIT",
            "更正的答案不符合该题的题型或选项",
            "The corrected key does not fit the question's type or options");

    static final ApiError NO_ACTIVE_BANK_VERSION = new ApiError(
            409,
            "NO_ACTIVE_BANK_VERSION",
            "题库中该题没有启用的版本，无法取用更正后的答案",
            "The question has no active version in the bank to take the corrected key from");
    static final ApiError BANK_VERSION_DIFFERS = new ApiError(
            409,
            "BANK_VERSION_DIFFERS",
            "题库中启用的版本与考生试卷上的题目选项不同，请直接给出更正后的答案",
            "The bank's active version has other options than the candidate's paper; give the corrected key instead");

    private CorrectionErrors() {}
}
