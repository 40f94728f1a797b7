package org.examhall.server.staff;

import org.examhall.protocol.http.ApiError;

/** Errors of sign-in and staff administration. Credential errors never say which part was wrong. */
public final class StaffErrors {

    public static final ApiError INVALID_CREDENTIALS =
            new ApiError(401, "INVALID_CREDENTIALS", "用户名或密码错误", "Wrong username or password");
    public static final ApiError TOTP_REQUIRED =
            new ApiError(401, "TOTP_REQUIRED", "请输入动态验证码", "Enter the one-time code from your authenticator app");
    public static final ApiError TOTP_INVALID =
            new ApiError(401, "TOTP_INVALID", "动态验证码错误或已使用", "The one-time code is wrong or was already used");
    public static final ApiError TOTP_NOT_ENROLLED = new ApiError(
            403,
            "TOTP_NOT_ENROLLED",
            "该账号必须绑定动态验证码后才能登录，请联系考试机构管理员",
            "This account must enrol a second factor first; contact the bureau administrator");
    public static final ApiError ACCOUNT_LOCKED = new ApiError(
            423, "ACCOUNT_LOCKED", "登录失败次数过多，账号已临时锁定", "Too many failed sign-ins; the account is temporarily locked");
    public static final ApiError ACCOUNT_DISABLED =
            new ApiError(403, "ACCOUNT_DISABLED", "账号已停用", "The account is disabled");
    public static final ApiError USERNAME_TAKEN =
            new ApiError(409, "USERNAME_TAKEN", "用户名已存在", "The username is already taken");
    public static final ApiError STAFF_NOT_FOUND =
            new ApiError(404, "STAFF_NOT_FOUND", "工作人员账号不存在", "No such staff account");
    public static final ApiError WEAK_PASSWORD = new ApiError(
            400,
            "WEAK_PASSWORD",
            "密码至少 12 位，且须包含字母和数字",
            "The password needs at least 12 characters with letters and digits");

    public static final ApiError SIGN_IN_BUSY =
            new ApiError(503, "SIGN_IN_BUSY", "登录请求过多，请稍后再试", "Too many sign-ins at once; try again shortly");
    public static final ApiError TOO_MANY_FAILURES = new ApiError(
            429,
            "TOO_MANY_SIGN_IN_FAILURES",
            "此地址登录失败次数过多，请稍后再试",
            "Too many failed sign-ins from this address; try again later");

    private StaffErrors() {}
}
