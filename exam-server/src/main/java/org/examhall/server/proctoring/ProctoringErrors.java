package org.examhall.server.proctoring;

import org.examhall.protocol.http.ApiError;

/** Errors of proctors' actions in the room. */
public final class ProctoringErrors {

    public static final ApiError NOT_IN_PROGRESS =
            new ApiError(409, "SITTING_NOT_IN_PROGRESS", "该考生不在作答中", "The candidate is not answering");
    public static final ApiError NOT_PAUSED =
            new ApiError(409, "SITTING_NOT_PAUSED", "该考生未被暂停", "The candidate is not paused");
    public static final ApiError SEAT_UNAVAILABLE = new ApiError(
            409, "SEAT_UNAVAILABLE", "目标座位没有可用终端或已有考生", "The target seat has no working terminal or is taken");
    public static final ApiError VOID_PENDING_SAME_PROCTOR = new ApiError(
            409,
            "SECOND_PROCTOR_REQUIRED",
            "取消考试资格需要另一名监考员确认",
            "Voiding a sitting needs a second, different proctor to confirm");
    public static final ApiError RECORD_SIGNED = new ApiError(
            409,
            "ROOM_RECORD_SIGNED",
            "考场记录已有监考员签署，不能再增加记录或处理考生；成绩确认后只能由考试机构更正",
            "The room record is signed: nothing more can be recorded or done to candidates; after scoring only the bureau corrects results");
    public static final ApiError ALREADY_SIGNED =
            new ApiError(409, "ALREADY_SIGNED", "您已签署考场记录", "You have already signed the room record");
    public static final ApiError SESSION_NOT_CLOSED = new ApiError(
            409, "SESSION_NOT_CLOSED", "考试结束后才能签署考场记录", "The room record can be signed once the session is closed");

    private ProctoringErrors() {}
}
