package org.examhall.server.exam;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.examhall.protocol.http.ApiError;
import org.examhall.protocol.http.ApiException;
import org.examhall.server.http.KeyedRateLimit;

/**
 * What one terminal may ask for: a few wrong admission tickets, then a pause (an enrolled terminal
 * must not serve to guess other candidates' tickets), and signals at a rate no real candidate
 * reaches (a flood would bury the room's record and the proctors' feed).
 */
final class TerminalLimits {

    static final int WRONG_TICKETS = 5;
    static final Duration WRONG_TICKET_WINDOW = Duration.ofMinutes(10);
    static final int SIGNALS_PER_MINUTE = 60;

    static final ApiError TOO_MANY_WRONG_TICKETS = new ApiError(
            429,
            "TOO_MANY_WRONG_TICKETS",
            "本终端输入错误的准考证号次数过多，请稍后再试或请监考员协助",
            "Too many wrong ticket numbers at this terminal; wait, or ask a proctor");
    static final ApiError SIGNALS_TOO_FREQUENT =
            new ApiError(429, "SIGNALS_TOO_FREQUENT", "本终端上报过于频繁", "This terminal reports too often");

    private final KeyedRateLimit wrongTickets;
    private final KeyedRateLimit signals;

    TerminalLimits(Clock clock) {
        this.wrongTickets = new KeyedRateLimit(WRONG_TICKETS, WRONG_TICKET_WINDOW, clock);
        this.signals = new KeyedRateLimit(SIGNALS_PER_MINUTE, Duration.ofMinutes(1), clock);
    }

    Future<Void> ticketAttempt(long terminalId) {
        String key = Long.toString(terminalId);
        return wrongTickets.allows(key)
                ? Future.succeededFuture()
                : Future.failedFuture(new ApiException(
                        TOO_MANY_WRONG_TICKETS, Map.of("retryAfterSeconds", wrongTickets.retryAfterSeconds(key))));
    }

    void wrongTicket(long terminalId) {
        wrongTickets.count(Long.toString(terminalId));
    }

    Future<Void> signal(long sittingId) {
        String key = Long.toString(sittingId);
        if (!signals.allows(key)) {
            return Future.failedFuture(SIGNALS_TOO_FREQUENT.exception());
        }
        signals.count(key);
        return Future.succeededFuture();
    }
}
