package org.examhall.server.institutions;

import org.examhall.protocol.http.ApiError;

/** Errors of institutions, trainees, classes and exam applications. */
public final class InstitutionErrors {

    public static final ApiError INVALID_CREDIT_CODE = new ApiError(
            400,
            "INVALID_CREDIT_CODE",
            "统一社会信用代码无效（应为 18 位，且校验位符合 GB 32100）",
            "Invalid unified social credit code (18 characters with a GB 32100 check character)");
    public static final ApiError CREDIT_CODE_TAKEN = new ApiError(
            409,
            "CREDIT_CODE_TAKEN",
            "该统一社会信用代码已登记",
            "An institution with this unified social credit code is already registered");
    public static final ApiError INVALID_OPERATION_ITEM = new ApiError(
            400,
            "INVALID_OPERATION_ITEM",
            "操作项目代码无效（2–40 位大写字母、数字或 -）",
            "Invalid operation item code (2–40 upper-case letters, digits or '-')");
    public static final ApiError INSTITUTION_NOT_FOUND =
            new ApiError(404, "INSTITUTION_NOT_FOUND", "培训机构不存在", "No such training institution");
    public static final ApiError NOT_LINKED = new ApiError(
            409,
            "INSTITUTION_NOT_LINKED",
            "当前账号尚未关联培训机构，请联系县应急管理局",
            "This account is not linked to a training institution; contact the bureau");
    public static final ApiError STAFF_NOT_LINKABLE = new ApiError(
            400,
            "STAFF_NOT_LINKABLE",
            "只能关联培训机构联系人或监考员账号",
            "Only institution contact or proctor accounts can be linked to an institution");
    public static final ApiError SUSPENDED = new ApiError(
            409,
            "INSTITUTION_SUSPENDED",
            "培训机构处于暂停期，不能提交考试申请",
            "The institution is suspended and cannot apply for exams");
    public static final ApiError TRAINEE_EXISTS = new ApiError(
            409, "TRAINEE_EXISTS", "该学员已在本机构登记", "This trainee is already registered with the institution");
    public static final ApiError TRAINEE_NOT_FOUND = new ApiError(404, "TRAINEE_NOT_FOUND", "学员不存在", "No such trainee");
    public static final ApiError CLASS_NOT_FOUND =
            new ApiError(404, "CLASS_NOT_FOUND", "培训班不存在", "No such training class");
    public static final ApiError ITEM_OUT_OF_SCOPE = new ApiError(
            409,
            "ITEM_OUT_OF_SCOPE",
            "操作项目不在本机构的培训范围内",
            "The operation item is outside the institution's training scope");
    public static final ApiError NOT_A_MEMBER =
            new ApiError(409, "NOT_A_CLASS_MEMBER", "学员不是该培训班的成员", "The trainee is not a member of this class");
    public static final ApiError DAY_OUTSIDE_CLASS =
            new ApiError(400, "DAY_OUTSIDE_CLASS", "考勤日期不在培训班起止日期内", "The attendance day is outside the class's dates");
    public static final ApiError APPLICATION_NOT_FOUND =
            new ApiError(404, "APPLICATION_NOT_FOUND", "考试申请不存在", "No such exam application");
    public static final ApiError HOURS_BELOW_REQUIRED = new ApiError(
            409,
            "HOURS_BELOW_REQUIRED",
            "有学员的培训学时不足，不能申请考试",
            "Some trainees have fewer training hours than the class requires");
    public static final ApiError EMPTY_ROSTER =
            new ApiError(400, "EMPTY_ROSTER", "考试申请的学员名单不能为空", "The application's roster is empty");
    public static final ApiError BAD_APPLICATION_STATE = new ApiError(
            409, "BAD_APPLICATION_STATE", "考试申请当前状态不允许此操作", "The application's current state does not allow this");
    public static final ApiError PROOF_REQUIRED = new ApiError(
            409,
            "PROOF_REQUIRED",
            "须上传专职管理人员近 3 个月社保证明后才能提交",
            "Upload the managers' 3-month social insurance proof before submitting");
    public static final ApiError PROOF_TYPE = new ApiError(
            415, "PROOF_TYPE_NOT_ALLOWED", "证明材料只能是 PDF、JPEG 或 PNG 文件", "Proof files must be PDF, JPEG or PNG");
    public static final ApiError PROOF_TOO_LARGE =
            new ApiError(413, "PROOF_TOO_LARGE", "单个证明材料不能超过 5 MB", "Each proof file must be at most 5 MB");
    public static final ApiError PROOF_EMPTY = new ApiError(400, "PROOF_EMPTY", "请上传证明材料文件", "Upload a proof file");
    public static final ApiError PROOF_NOT_FOUND =
            new ApiError(404, "PROOF_NOT_FOUND", "证明材料不存在", "No such proof file");
    public static final ApiError REJECT_REASON_REQUIRED =
            new ApiError(400, "REJECT_REASON_REQUIRED", "退回申请须填写理由", "A rejection needs a reason");
    public static final ApiError SESSION_ITEM_MISMATCH = new ApiError(
            409, "SESSION_ITEM_MISMATCH", "考试场次的操作项目与培训班不一致", "The session's operation item differs from the class's");
    public static final ApiError PASS_STILL_VALID = new ApiError(
            409,
            "PASS_STILL_VALID",
            "有学员的该项目考试合格成绩仍在 12 个月有效期内",
            "Some trainees hold a pass for this operation item that is still valid (12 months)");
    public static final ApiError ALREADY_APPLIED = new ApiError(
            409,
            "ALREADY_APPLIED",
            "有学员已用本期培训申请过考试；补考须以补考申请提出，补考不合格须重新培训",
            "Some trainees already applied from this class; a retake needs a retake application, and after a failed retake a new training");
    public static final ApiError RETAKE_NOT_ALLOWED = new ApiError(
            409,
            "RETAKE_NOT_ALLOWED",
            "补考只能针对已公布成绩且不合格的学员，每份申请仅限补考一次，补考不合格须重新培训",
            "A retake is only for trainees who failed a published exam, once per application; after a failed retake the trainee must train again");
    public static final ApiError INVALID_DATE = new ApiError(
            400,
            "INVALID_DATE",
            "日期格式必须是 YYYY-MM-DD，且结束日期不早于开始日期",
            "Dates must be YYYY-MM-DD and the end must not be before the start");

    private InstitutionErrors() {}
}
