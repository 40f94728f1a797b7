package org.examhall.proctor.viewing;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.examhall.proctor.http.ErrorReplies;
import org.examhall.protocol.http.ApiError;
import org.examhall.protocol.viewing.ViewingTicket;

/**
 * Lets a request for a room's picture or sound through only with a valid viewing ticket for that room,
 * this gateway and the request's purpose, from the {@value #HEADER} header (what the player sends with
 * every playlist and segment) or the {@code ticket} query parameter (how a page is opened). A playback
 * route then checks that the ticket covers the time it asks for ({@link #covers}): a ticket for one
 * session's window does not open the rest of the room's three-year archive.
 */
public final class TicketGuard {

    public static final String HEADER = "X-Viewing-Ticket";
    private static final String VERIFIED = "examhall.viewingTicket";
    /** A player asks every couple of seconds with the same ticket: remember good signatures, not re-verify them. */
    private static final int CACHE_LIMIT = 1024;

    private final Supplier<ViewingKey> key;
    /** The gateway's clock and exam-server's may differ this much without a valid ticket being refused. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final Clock clock;
    private final Map<String, ViewingTicket> verified = new ConcurrentHashMap<>();

    public TicketGuard(Supplier<ViewingKey> key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    /** For the live pages, playlists and segments. */
    public Handler<RoutingContext> live() {
        return ctx -> check(ctx, ViewingTicket.Purpose.LIVE);
    }

    /** For the playback pages and playlists and the archived segments; the route then checks the range. */
    public Handler<RoutingContext> playback() {
        return ctx -> check(ctx, ViewingTicket.Purpose.PLAYBACK);
    }

    /**
     * Whether the request's ticket (checked by {@link #playback()}) covers recording between {@code from} and
     * {@code to}; if not, the request has been answered 403.
     */
    public static boolean covers(RoutingContext ctx, Instant from, Instant to) {
        ViewingTicket ticket = ctx.get(VERIFIED);
        return ticket.covers(from, to) || outside(ctx, ticket);
    }

    /**
     * Whether the request's ticket covers any of an archived segment that started at {@code start} and is
     * at most {@code longest} long (a playlist lists every segment that overlaps its range); if not, 403.
     */
    public static boolean coversSegment(RoutingContext ctx, Instant start, Duration longest) {
        ViewingTicket ticket = ctx.get(VERIFIED);
        return ticket.overlaps(start, start.plus(longest)) || outside(ctx, ticket);
    }

    private static boolean outside(RoutingContext ctx, ViewingTicket ticket) {
        ErrorReplies.send(
                ctx,
                new ApiError(
                        403,
                        "ticket_outside_range",
                        "该票据只允许回放 " + ticket.from() + " 至 " + ticket.to() + " 的录像",
                        "the viewing ticket allows playback only between " + ticket.from() + " and " + ticket.to()));
        return false;
    }

    private void check(RoutingContext ctx, ViewingTicket.Purpose purpose) {
        ViewingKey current = key.get();
        if (current == null) {
            ErrorReplies.send(
                    ctx,
                    new ApiError(
                            503,
                            "tickets_not_ready",
                            "网关尚未从考试服务器取得票据验证密钥，请稍后再试",
                            "the gateway has not yet fetched exam-server's ticket key; try again shortly"));
            return;
        }
        String token = presented(ctx);
        if (token == null || token.isEmpty()) {
            ErrorReplies.send(
                    ctx,
                    new ApiError(
                            401,
                            "ticket_required",
                            "需要视频查看票据，请从监考控制台打开",
                            "a viewing ticket is required; open the video from the proctor console"));
            return;
        }
        ViewingTicket ticket;
        try {
            ticket = verified(token, current);
        } catch (ViewingTicket.Invalid e) {
            ErrorReplies.send(ctx, new ApiError(401, "ticket_invalid", "视频查看票据无效", "the viewing ticket is not valid"));
            return;
        }
        if (!ticket.expiresAt().plus(CLOCK_SKEW).isAfter(clock.instant())) {
            ErrorReplies.send(
                    ctx,
                    new ApiError(
                            401,
                            "ticket_expired",
                            "视频查看票据已过期，请从监考控制台重新打开",
                            "the viewing ticket has expired; open the video again from the proctor console"));
            return;
        }
        if (ticket.gatewayId() != current.gatewayId() || !ticket.camera().equals(ctx.pathParam("room"))) {
            ErrorReplies.send(
                    ctx,
                    new ApiError(403, "ticket_wrong_room", "该票据不允许查看此考场", "the viewing ticket is not for this room"));
            return;
        }
        if (ticket.purpose() != purpose) {
            ErrorReplies.send(
                    ctx,
                    new ApiError(
                            403,
                            "ticket_wrong_purpose",
                            purpose == ViewingTicket.Purpose.LIVE ? "该票据只用于回放，不能查看实时画面" : "该票据只用于实时查看，不能回放录像",
                            purpose == ViewingTicket.Purpose.LIVE
                                    ? "the viewing ticket is for playback, not the live view"
                                    : "the viewing ticket is for the live view, not playback"));
            return;
        }
        ctx.put(VERIFIED, ticket);
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
