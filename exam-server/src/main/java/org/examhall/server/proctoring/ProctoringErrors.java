package org.examhall.server.proctoring;

import org.examhall.server.http.ApiError;

/** Errors of proctors' actions in the room. */
public final class ProctoringErrors {

  public static final ApiError NOT_IN_PROGRESS = new ApiError(409, "SITTING_NOT_IN_PROGRESS",
      "该考生不在作答中", "The candidate is not answering");
  public static final ApiError NOT_PAUSED = new ApiError(409, "SITTING_NOT_PAUSED", "该考生未被暂停", "The candidate is not paused");
  public static final ApiError SEAT_UNAVAILABLE = new ApiError(409, "SEAT_UNAVAILABLE",
      "目标座位没有可用终端或已有考生", "The target seat has no working terminal or is taken");
  public static final ApiError VOID_PENDING_SAME_PROCTOR = new ApiError(409, "SECOND_PROCTOR_REQUIRED",
      "取消考试资格需要另一名监考员确认", "Voiding a sitting needs a second, different proctor to confirm");
  public static final ApiError ALREADY_SIGNED = new ApiError(409, "ALREADY_SIGNED", "您已签署考场记录", "You have already signed the room record");
  public static final ApiError SESSION_NOT_CLOSED = new ApiError(409, "SESSION_NOT_CLOSED",
      "考试结束后才能签署考场记录", "The room record can be signed once the session is closed");

  private ProctoringErrors() {
  }
}
