package org.examhall.server.province;

import org.examhall.protocol.http.ApiError;

/** Errors of publication, the outbox and registration pulls. */
public final class ProvinceErrors {

    public static final ApiError NOT_SCORED = new ApiError(
            409, "SESSION_NOT_SCORED", "只有已确认成绩的考试场次才能发布成绩", "Only a scored session's results can be published");
    public static final ApiError ALREADY_PUBLISHED = new ApiError(
            409, "RESULTS_ALREADY_PUBLISHED", "该场次的成绩已经发布", "This session's results are already published");
    public static final ApiError SIGNING_KEY_MISSING = new ApiError(
            409,
            "PROVINCE_SIGNING_KEY_MISSING",
            "未配置考试机构的 SM2 签名密钥（province.bureauKeyFile），不能生成成绩包",
            "The bureau's SM2 signing key (province.bureauKeyFile) is not configured; result packages cannot be signed");
    public static final ApiError PLATFORM_NOT_CONFIGURED = new ApiError(
            409,
            "PROVINCE_PLATFORM_NOT_CONFIGURED",
            "未配置省级考试平台地址（province.platformUrl）",
            "The provincial platform's address (province.platformUrl) is not configured");
    public static final ApiError PLATFORM_FAILED = new ApiError(
            502, "PROVINCE_PLATFORM_FAILED", "省级考试平台未能完成请求", "The provincial platform did not complete the request");
    public static final ApiError REGISTRATION_SIGNATURE_INVALID = new ApiError(
            502,
            "REGISTRATION_SIGNATURE_INVALID",
            "省级平台返回的报名记录签名无效，本次未导入任何考生",
            "Registrations from the provincial platform failed the signature check; no candidate was imported");
    public static final ApiError OUTBOX_ITEM_NOT_FOUND =
            new ApiError(404, "OUTBOX_ITEM_NOT_FOUND", "成绩包不存在", "No such result package");
    public static final ApiError ALREADY_DELIVERED = new ApiError(
            409, "ALREADY_DELIVERED", "该成绩包已送达省级平台", "The package has already reached the provincial platform");

    private ProvinceErrors() {}
}
