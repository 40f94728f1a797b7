package org.examhall.server.rooms;

import org.examhall.protocol.http.ApiError;

/** Errors of sites, rooms and terminals. */
public final class RoomErrors {

    public static final ApiError SITE_NOT_FOUND = new ApiError(404, "SITE_NOT_FOUND", "考点不存在", "No such exam site");
    public static final ApiError ROOM_NOT_FOUND = new ApiError(404, "ROOM_NOT_FOUND", "考场不存在", "No such exam room");
    public static final ApiError TERMINAL_NOT_FOUND =
            new ApiError(404, "TERMINAL_NOT_FOUND", "考试终端不存在", "No such terminal");
    public static final ApiError NAME_TAKEN = new ApiError(409, "NAME_TAKEN", "名称已被使用", "The name is already in use");
    public static final ApiError SEAT_TAKEN =
            new ApiError(409, "SEAT_TAKEN", "该座位已有终端", "This seat already has a terminal");
    public static final ApiError ENROL_CODE_INVALID =
            new ApiError(401, "ENROL_CODE_INVALID", "终端注册码无效或已过期", "The terminal enrolment code is invalid or expired");
    public static final ApiError TERMINAL_CREDENTIAL_INVALID = new ApiError(
            401,
            "TERMINAL_CREDENTIAL_INVALID",
            "终端凭据无效或终端已停用，请联系考务人员重新注册",
            "The terminal credential is invalid or the terminal is disabled; ask staff to enrol it again");

    private RoomErrors() {}
}
