package org.examhall.server.http;

import org.examhall.protocol.http.ApiError;
import org.examhall.protocol.http.ApiException;

/** The shared error codes of the HTTP API. Capability packages define their own next to their routes. */
public final class Errors {

    public static final ApiError NOT_FOUND =
            new ApiError(404, "NOT_FOUND", "请求的资源不存在", "The requested resource does not exist");
    public static final ApiError METHOD_NOT_ALLOWED =
            new ApiError(405, "METHOD_NOT_ALLOWED", "该资源不支持此请求方法", "This method is not allowed on the resource");
    public static final ApiError INVALID_JSON =
            new ApiError(400, "INVALID_JSON", "请求体不是有效的 JSON", "The request body is not valid JSON");
    public static final ApiError VALIDATION_FAILED =
            new ApiError(400, "VALIDATION_FAILED", "请求内容不符合要求", "The request is not valid");
    public static final ApiError BODY_TOO_LARGE =
            new ApiError(413, "BODY_TOO_LARGE", "请求体超过允许的大小", "The request body is larger than allowed");
    public static final ApiError UNSUPPORTED_MEDIA_TYPE = new ApiError(
            415, "UNSUPPORTED_MEDIA_TYPE", "请求体必须是 application/json", "The request body must be application/json");
    public static final ApiError SERVER_BUSY = new ApiError(
            503, "SERVER_BUSY", "服务器连接已满，请稍后重试", "The server has as many connections as it can hold; retry shortly");
    public static final ApiError UNAUTHENTICATED = new ApiError(401, "UNAUTHENTICATED", "请先登录", "Please sign in first");
    public static final ApiError FORBIDDEN =
            new ApiError(403, "FORBIDDEN", "当前角色无权执行此操作", "Your role may not perform this action");
    public static final ApiError CSRF_TOKEN_INVALID = new ApiError(
            403,
            "CSRF_TOKEN_INVALID",
            "缺少或无效的防跨站请求令牌，请刷新页面后重试",
            "Missing or invalid CSRF token; reload the page and try again");
    public static final ApiError CONFLICT = new ApiError(409, "CONFLICT", "与现有数据冲突", "Conflicts with existing data");
    public static final ApiError SERVICE_UNAVAILABLE = new ApiError(
            503, "SERVICE_UNAVAILABLE", "服务暂时不可用，请稍后重试", "The service is temporarily unavailable; try again shortly");
    public static final ApiError NODE_DRAINING = new ApiError(
            503,
            "NODE_DRAINING",
            "该服务器节点正在停止，请重试（将由其他节点处理）",
            "This server node is stopping; retry and another node will answer");
    public static final ApiError INTERNAL_ERROR = new ApiError(
            500,
            "INTERNAL_ERROR",
            "服务器内部错误，已记录，请联系管理员并提供请求编号",
            "Internal error; it was logged, quote the request id to the administrator");
    /** Stored data under a data key this node was not given (docs/keys.md): an operator's fix, never garbage. */
    public static final ApiError DATA_KEY_MISSING = new ApiError(
            500,
            "DATA_KEY_MISSING",
            "数据由本节点未配置的密钥加密，无法读取；已记录，请联系管理员并提供请求编号",
            "The data is encrypted under a key this node was not given; it was logged, quote the request id to the"
                    + " administrator");

    private Errors() {}

    public static ApiException invalid(String zhDetail, String enDetail) {
        return VALIDATION_FAILED.withDetail(zhDetail, enDetail).exception();
    }
}
