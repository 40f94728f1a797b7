package org.examhall.server.bank;

import io.vertx.core.json.JsonArray;
import java.util.Map;
import org.examhall.protocol.http.ApiError;
import org.examhall.protocol.http.ApiException;

/** The error codes of bank administration. */
public final class BankErrors {

    public static final ApiError QUESTION_NOT_FOUND =
            new ApiError(404, "QUESTION_NOT_FOUND", "试题不存在", "No such question");
    public static final ApiError QUESTION_INVALID =
            new ApiError(400, "QUESTION_INVALID", "试题内容不符合要求", "The question is not valid");
    public static final ApiError STATUS_CHANGE_REFUSED =
            new ApiError(409, "STATUS_CHANGE_REFUSED", "试题状态不能这样变更", "The question cannot change to that status");
    public static final ApiError CATEGORY_INVALID =
            new ApiError(400, "CATEGORY_INVALID", "类别不符合要求", "The category is not valid");
    public static final ApiError CATEGORY_EXISTS =
            new ApiError(409, "CATEGORY_EXISTS", "类别代码已存在", "A category with this code already exists");
    public static final ApiError BLUEPRINT_NOT_FOUND =
            new ApiError(404, "BLUEPRINT_NOT_FOUND", "组卷规则不存在", "No such blueprint");
    public static final ApiError BLUEPRINT_MALFORMED =
            new ApiError(400, "BLUEPRINT_MALFORMED", "组卷规则的格式不正确", "The blueprint is not in the expected form");
    public static final ApiError BLUEPRINT_INVALID =
            new ApiError(400, "BLUEPRINT_INVALID", "组卷规则有错误", "The blueprint has errors");
    public static final ApiError BLUEPRINT_EXISTS =
            new ApiError(409, "BLUEPRINT_EXISTS", "已有相同编号的组卷规则", "A blueprint with this id already exists");
    public static final ApiError BLUEPRINT_IN_USE = new ApiError(
            409,
            "BLUEPRINT_IN_USE",
            "组卷规则正被未结束的考试场次使用，不能删除",
            "The blueprint is used by an exam session that has not finished");
    public static final ApiError PAPER_ASSEMBLY_FAILED = new ApiError(
            409, "PAPER_ASSEMBLY_FAILED", "题库无法按组卷规则生成试卷", "The bank cannot supply a paper for this blueprint");
    public static final ApiError IMPORT_NOT_FOUND = new ApiError(404, "IMPORT_NOT_FOUND", "导入任务不存在", "No such import");
    public static final ApiError IMPORT_UPLOAD_INVALID =
            new ApiError(400, "IMPORT_UPLOAD_INVALID", "上传的导入文件无法处理", "The uploaded import cannot be processed");

    private BankErrors() {}

    /** The error with a list of problems in the body, as {@code {"problems": [...]}}. */
    public static ApiException withProblems(ApiError error, JsonArray problems) {
        return new ApiException(error, Map.of("problems", problems));
    }
}
