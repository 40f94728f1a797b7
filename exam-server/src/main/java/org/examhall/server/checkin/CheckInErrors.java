package org.examhall.server.checkin;

import org.examhall.protocol.http.ApiError;

/** Errors at the door. */
public final class CheckInErrors {

    public static final ApiError NOT_A_CANDIDATE = new ApiError(
            404, "NOT_A_CANDIDATE", "该身份证号不在本场次考生名单中", "This ID number is not on the session's candidate list");
    public static final ApiError CHECK_IN_CLOSED =
            new ApiError(409, "CHECK_IN_CLOSED", "当前不在检录时间", "Check-in is not open for this session");
    public static final ApiError ALREADY_CHECKED_IN =
            new ApiError(409, "ALREADY_CHECKED_IN", "该考生已完成检录", "The candidate has already checked in");
    public static final ApiError FACE_ATTEMPTS_EXHAUSTED = new ApiError(
            409,
            "FACE_ATTEMPTS_EXHAUSTED",
            "人脸比对已失败 3 次，只能由两名监考员确认后作为存疑考生入场",
            "Three failed face comparisons: only two proctors together can admit the candidate as doubtful");
    public static final ApiError DOUBTFUL_NOT_ALLOWED = new ApiError(
            409,
            "DOUBTFUL_NOT_ALLOWED",
            "人脸比对失败未满 3 次（无登记照片的考生须先拍摄现场照片），不能按存疑考生入场",
            "Fewer than three failed face comparisons (or, with no enrolled photo, no door photo yet); doubtful admission is not allowed yet");
    public static final ApiError SAME_PROCTOR =
            new ApiError(409, "SECOND_PROCTOR_REQUIRED", "需要另一名监考员确认", "A second, different proctor must confirm");
    public static final ApiError NO_TERMINAL_AT_SEAT = new ApiError(
            409, "NO_TERMINAL_AT_SEAT", "考生座位没有可用的考试终端", "There is no working terminal at the candidate's seat");

    private CheckInErrors() {}
}
