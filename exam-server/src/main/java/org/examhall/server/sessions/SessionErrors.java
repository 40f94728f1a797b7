package org.examhall.server.sessions;

import org.examhall.protocol.http.ApiError;

/** Errors of exam sessions and their candidates. */
public final class SessionErrors {

    public static final ApiError SESSION_NOT_FOUND =
            new ApiError(404, "SESSION_NOT_FOUND", "考试场次不存在", "No such exam session");
    public static final ApiError ROOM_NOT_APPROVED = new ApiError(
            409,
            "ROOM_NOT_APPROVED",
            "考场已注册并启用的考试终端不足 25 台，不能安排考试",
            "The room has fewer than 25 enrolled terminals and cannot host exams");
    public static final ApiError TOO_FEW_PROCTORS = new ApiError(
            400, "TOO_FEW_PROCTORS", "每个考场至少安排 2 名不同的监考员", "Each session needs at least 2 different proctors");
    public static final ApiError NOT_A_PROCTOR =
            new ApiError(400, "NOT_A_PROCTOR", "指定的账号不是有效的监考员", "An assigned account is not an active proctor");
    public static final ApiError BAD_TRANSITION = new ApiError(
            409, "BAD_SESSION_TRANSITION", "考试场次当前状态不允许此操作", "The session's current state does not allow this");
    public static final ApiError TOO_MANY_CANDIDATES =
            new ApiError(409, "TOO_MANY_CANDIDATES", "考生人数超过考场座位数", "More candidates than the room has seats");
    public static final ApiError CANDIDATE_EXISTS =
            new ApiError(409, "CANDIDATE_EXISTS", "该考生已在本场次中", "The candidate is already in this session");
    public static final ApiError TICKET_TAKEN = new ApiError(
            409, "TICKET_TAKEN", "准考证号已被本场次其他考生使用", "The admission ticket number is already used in this session");
    public static final ApiError REGISTRATION_CLOSED = new ApiError(
            409, "REGISTRATION_CLOSED", "座位已抽签，不能再增加考生", "Seats are drawn; candidates can no longer be added");
    public static final ApiError SITTINGS_OPEN = new ApiError(
            409, "SITTINGS_OPEN", "仍有考生在作答，不能结束考试", "Candidates are still answering; the session cannot close yet");
    public static final ApiError NOT_ASSIGNED =
            new ApiError(403, "NOT_ASSIGNED_PROCTOR", "您不是本场次的监考员", "You are not a proctor of this session");
    public static final ApiError RECORD_NOT_SIGNED = new ApiError(
            409,
            "ROOM_RECORD_NOT_SIGNED",
            "考场记录须由两名监考员签署同一版本后才能确认成绩",
            "Two proctors must sign the same room record before the session is scored");
    public static final ApiError ROOM_BOOKED =
            new ApiError(409, "ROOM_BOOKED", "该考场在这段时间已安排了考试", "The room is already booked for an overlapping time");
    public static final ApiError ROOM_IN_USE = new ApiError(
            409, "ROOM_IN_USE", "该考场正在进行另一场次的检录或考试", "Another session is checking in or running in this room");
    public static final ApiError OUTSIDE_SCHEDULE = new ApiError(
            409,
            "OUTSIDE_SCHEDULE",
            "不在计划时间内，须由考试机构管理员说明理由后越过",
            "Outside the scheduled time; only the bureau can override, with a reason");
    public static final ApiError OVERRIDE_NOT_ALLOWED = new ApiError(
            403, "SCHEDULE_OVERRIDE_NOT_ALLOWED", "只有考试机构管理员可以越过计划时间", "Only the bureau can override the schedule");
    public static final ApiError SITTING_NOT_FOUND =
            new ApiError(404, "SITTING_NOT_FOUND", "考生作答记录不存在", "No such sitting");

    private SessionErrors() {}
}
