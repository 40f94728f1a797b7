package org.examhall.proctor.viewing;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.examhall.proctor.live.ApiError;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Lets a request for a room's picture or sound through only with a valid viewing ticket for that room
 * and this gateway, from the {@value #HEADER} header (what the player sends with every playlist and
 * segment) or the {@code ticket} query parameter (how a page is opened).
 */
public final class TicketGuard implements Handler<RoutingContext> {

    public static final String HEADER = "X-Viewing-Ticket";
    /** A player asks every couple of seconds with the same ticket: remember good signatures, not re-verify them. */
    private static final int CACHE_LIMIT = 1024;

    private final Supplier<ViewingKey> key;
    /** The gateway's clock and exam-server's may differ this much without a valid ticket being refused. */
    static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofSeconds(60);

    private final Clock clock;
    private final Map<String, ViewingTicket> verified = new ConcurrentHashMap<>();

    public TicketGuard(Supplier<ViewingKey> key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ViewingKey current = key.get();
        if (current == null) {
            ApiError.send(ctx, 503, "tickets_not_ready", "网关尚未从考试服务器取得票据验证密钥，请稍后再试",
                    "the gateway has not yet fetched exam-server's ticket key; try again shortly");
            return;
        }
        String token = presented(ctx);
        if (token == null || token.isEmpty()) {
            ApiError.send(ctx, 401, "ticket_required", "需要视频查看票据，请从监考控制台打开",
                    "a viewing ticket is required; open the video from the proctor console");
            return;
        }
        ViewingTicket ticket;
        try {
            ticket = verified(token, current);
        } catch (ViewingTicket.Invalid e) {
            ApiError.send(ctx, 401, "ticket_invalid", "视频查看票据无效", "the viewing ticket is not valid");
            return;
        }
        if (!ticket.expiresAt().plus(CLOCK_SKEW).isAfter(clock.instant())) {
            ApiError.send(ctx, 401, "ticket_expired", "视频查看票据已过期，请从监考控制台重新打开",
                    "the viewing ticket has expired; open the video again from the proctor console");
            return;
        }
        if (ticket.gatewayId() != current.gatewayId() || !ticket.room().equals(ctx.pathParam("room"))) {
            ApiError.send(ctx, 403, "ticket_wrong_room", "该票据不允许查看此考场", "the viewing ticket is not for this room");
            return;
        }
        ctx.next();
    }

    /** The ticket a request carries, which a page passes on to its player. */
    public static String presented(RoutingContext ctx) {
        String header = ctx.request().getHeader(HEADER);
        return header != null ? header : ctx.queryParams().get("ticket");
    }

    private ViewingTicket verified(String token, ViewingKey current) throws ViewingTicket.Invalid {
        ViewingTicket known = verified.get(token);
        if (known != null) {
            return known;
        }
        ViewingTicket ticket = ViewingTicket.verify(token, current.publicKey());
        if (verified.size() >= CACHE_LIMIT) {
            verified.clear();
        }
        verified.put(token, ticket);
        return ticket;
    }
}
