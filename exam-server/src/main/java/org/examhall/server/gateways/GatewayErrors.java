package org.examhall.server.gateways;

import org.examhall.protocol.http.ApiError;

/** Errors of proctor gateways and their anomaly reports. */
public final class GatewayErrors {

    public static final ApiError GATEWAY_TOKEN_INVALID = new ApiError(
            401, "GATEWAY_TOKEN_INVALID", "监控网关凭据无效或已停用", "The gateway token is invalid or the gateway is disabled");
    public static final ApiError UNKNOWN_ANOMALY_KIND =
            new ApiError(400, "UNKNOWN_ANOMALY_KIND", "未知的异常类型", "Unknown anomaly kind");
    public static final ApiError CLIP_URL_NOT_ON_GATEWAY = new ApiError(
            400,
            "CLIP_URL_NOT_ON_GATEWAY",
            "clipUrl 必须是该网关登记地址下的 http(s) 链接（同一协议、主机和端口）",
            "clipUrl must be an http(s) link on the gateway's registered origin (same scheme, host and port)");
    public static final ApiError ANOMALY_NOT_FOUND =
            new ApiError(404, "ANOMALY_NOT_FOUND", "异常记录不存在", "No such anomaly");
    public static final ApiError ALREADY_REVIEWED =
            new ApiError(409, "ANOMALY_ALREADY_REVIEWED", "该异常已被处理", "The anomaly has already been reviewed");
    public static final ApiError NO_SESSION_FOR_ANOMALY = new ApiError(
            409,
            "ANOMALY_WITHOUT_SESSION",
            "该异常不属于任何考试场次，无法由监考员处理",
            "The anomaly belongs to no session; no proctor can review it");

    public static final ApiError ARCHIVE_HEAD_BACKWARDS = new ApiError(
            409,
            "ARCHIVE_HEAD_BACKWARDS",
            "该录像归档的日索引落后于或不同于已见证的位置，已记录为篡改迹象",
            "The archive's day index is behind or different from the head already witnessed; recorded as a sign of tampering");
    public static final ApiError ARCHIVE_HEAD_NOT_FOUND = new ApiError(
            404, "ARCHIVE_HEAD_NOT_FOUND", "尚未见证该摄像头的录像归档", "No archive head has been witnessed for this camera");

    public static final ApiError VIDEO_NOT_LIVE = new ApiError(
            403,
            "VIDEO_NOT_LIVE",
            "场次未在检录或考试中，监考员不能查看考场视频",
            "Proctors may watch the room only while the session is in check-in or running");
    public static final ApiError VIDEO_RANGE_TOO_LONG = new ApiError(
            400,
            "VIDEO_RANGE_TOO_LONG",
            "一张回放票据最多覆盖 24 小时录像，请分段申请",
            "A playback ticket covers at most 24 hours of recording; ask for parts");
    public static final ApiError TICKETS_UNAVAILABLE = new ApiError(
            503,
            "VIEWING_TICKETS_UNAVAILABLE",
            "未配置局方 SM2 密钥，无法签发视频查看票据",
            "The bureau's SM2 key is not configured; viewing tickets cannot be issued");

    private GatewayErrors() {}
}
