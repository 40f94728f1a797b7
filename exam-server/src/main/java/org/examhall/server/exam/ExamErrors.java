package org.examhall.server.exam;

import org.examhall.protocol.http.ApiError;

/** Errors a terminal can meet during an exam. */
public final class ExamErrors {

    public static final ApiError CANDIDATE_TOKEN_INVALID = new ApiError(
            401,
            "CANDIDATE_TOKEN_INVALID",
            "考生身份已失效，请重新输入准考证号",
            "The candidate session is no longer valid; enter the admission ticket number again");
    public static final ApiError NO_CANDIDATE_HERE = new ApiError(
            409,
            "NO_CANDIDATE_AT_TERMINAL",
            "本终端当前没有已检录的考生，请联系监考员",
            "No checked-in candidate is bound to this terminal; ask a proctor");
    public static final ApiError NO_PHOTO = new ApiError(
            404,
            "NO_PHOTO",
            "本终端没有可显示的考生照片（无考生或未登记照片）",
            "No candidate photo to show at this terminal (no candidate bound, or none enrolled)");
    public static final ApiError TICKET_MISMATCH = new ApiError(
            401,
            "TICKET_MISMATCH",
            "准考证号与本座位考生不符",
            "The admission ticket number does not match the candidate at this seat");
    public static final ApiError NOT_STARTED = new ApiError(
            409, "EXAM_NOT_STARTED", "考试尚未开始，请等待监考员开考", "The exam has not started; wait for the proctor to start it");
    public static final ApiError NOT_ANSWERING = new ApiError(
            409,
            "SITTING_NOT_ANSWERING",
            "当前不能作答（已交卷、已暂停或考试时间已到）",
            "Answers are not accepted now (submitted, paused, or time is up)");
    public static final ApiError ITEM_OUT_OF_RANGE =
            new ApiError(400, "ITEM_OUT_OF_RANGE", "题号不在试卷范围内", "The item number is not on the paper");
    public static final ApiError SEB_REQUIRED = new ApiError(
            403,
            "SAFE_EXAM_BROWSER_REQUIRED",
            "本场考试只接受安全考试浏览器（Safe Exam Browser）",
            "This exam accepts only Safe Exam Browser");

    private ExamErrors() {}
}
