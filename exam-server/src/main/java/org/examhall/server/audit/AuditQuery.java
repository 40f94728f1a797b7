package org.examhall.server.audit;

import io.vertx.core.MultiMap;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.examhall.protocol.http.ApiError;
import org.examhall.protocol.http.ApiException;

/**
 * One page of the audit trail an auditor asked for: filters (time range, actor, action, target) and
 * a cursor in chain order, oldest first ({@code after}) or newest first ({@code order=desc},
 * {@code before}). A bad parameter is a 400 {@code INVALID_AUDIT_QUERY} naming it.
 *
 * @param action an exact action, or a prefix when given with a trailing {@code *} (e.g. {@code application.*})
 * @param target likewise, e.g. {@code session:12} or {@code application:*}
 */
record AuditQuery(
        Instant from,
        Instant to,
        String actor,
        String action,
        String target,
        boolean newestFirst,
        Long cursor,
        int limit) {

    static final ApiError INVALID = new ApiError(400, "INVALID_AUDIT_QUERY", "审计日志查询条件无效", "Invalid audit log query");
    static final int MAX_LIMIT = 1000;
    private static final int MAX_TEXT = 200;

    static AuditQuery of(MultiMap params) {
        Instant from = instant(params, "from");
        Instant to = instant(params, "to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw invalid("from 必须早于 to", "from must be before to");
        }
        String order = params.get("order") == null ? "asc" : params.get("order");
        if (!order.equals("asc") && !order.equals("desc")) {
            throw invalid("order 必须是 asc 或 desc", "order must be asc or desc");
        }
        boolean newestFirst = order.equals("desc");
        Long after = number(params, "after", 0, Long.MAX_VALUE);
        Long before = number(params, "before", 1, Long.MAX_VALUE);
        if (newestFirst ? after != null : before != null) {
            throw invalid(
                    newestFirst ? "从新到旧翻页用 before，不能用 after" : "从旧到新翻页用 after，不能用 before（before 须与 order=desc 一起使用）",
                    newestFirst
                            ? "newest-first pages use before, not after"
                            : "oldest-first pages use after, not before (before goes with order=desc)");
        }
        Long limit = number(params, "limit", 1, MAX_LIMIT);
        return new AuditQuery(
                from,
                to,
                text(params, "actor"),
                pattern(params, "action"),
                pattern(params, "target"),
                newestFirst,
                newestFirst ? before : after,
                limit == null ? 100 : limit.intValue());
    }

    /** The statement for this page; it reads one entry more than the page, to tell whether another page follows. */
    String sql() {
        List<String> where = new ArrayList<>();
        int n = 0;
        if (cursor != null) {
            where.add("seq " + (newestFirst ? "<" : ">") + " $" + ++n);
        }
        if (from != null) {
            where.add("occurred_at >= $" + ++n);
        }
        if (to != null) {
            where.add("occurred_at < $" + ++n);
        }
        if (actor != null) {
            where.add("actor = $" + ++n);
        }
        if (action != null) {
            where.add(matching("action", action, ++n));
        }
        if (target != null) {
            where.add(matching("target", target, ++n));
        }
        return "SELECT seq, occurred_at, actor, actor_role, action, target, request_id, details, hash FROM audit_log"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY seq " + (newestFirst ? "DESC" : "ASC") + " LIMIT $" + ++n;
    }

    Tuple arguments() {
        Tuple args = Tuple.tuple();
        if (cursor != null) {
            args.addLong(cursor);
        }
        if (from != null) {
            args.addOffsetDateTime(OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        }
        if (to != null) {
            args.addOffsetDateTime(OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        }
        if (actor != null) {
            args.addString(actor);
        }
        if (action != null) {
            args.addString(likeOrExact(action));
        }
        if (target != null) {
            args.addString(likeOrExact(target));
        }
        return args.addInteger(limit + 1);
    }

    private static String matching(String column, String value, int n) {
        return column + (isPrefix(value) ? " LIKE $" + n : " = $" + n);
    }

    private static boolean isPrefix(String value) {
        return value.endsWith("*");
    }

    /** A prefix becomes a LIKE pattern with its own % and _ taken literally. */
    private static String likeOrExact(String value) {
        if (!isPrefix(value)) {
            return value;
        }
        String prefix = value.substring(0, value.length() - 1);
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static String pattern(MultiMap params, String name) {
        String value = text(params, name);
        if (value != null && value.indexOf('*') >= 0 && value.indexOf('*') != value.length() - 1) {
            throw invalid(name + " 只能在末尾使用 *（前缀匹配）", name + " may use * only at its end (a prefix)");
        }
        return value;
    }

    private static String text(MultiMap params, String name) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            throw invalid(name + " 不能超过 " + MAX_TEXT + " 个字符", name + " must be at most " + MAX_TEXT + " characters");
        }
        return value.trim();
    }

    private static Instant instant(MultiMap params, String name) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw invalid(
                    name + " 必须是 ISO 8601 时间，例如 2026-12-01T01:30:00Z",
                    name + " must be an ISO 8601 time, e.g. 2026-12-01T01:30:00Z");
        }
    }

    private static Long number(MultiMap params, String name, long min, long max) {
        String value = params.get(name);
        if (value == null) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below, as an out-of-range value is
        }
        throw max == Long.MAX_VALUE
                ? invalid(name + " 必须是不小于 " + min + " 的整数", name + " must be an integer of at least " + min)
                : invalid(
                        name + " 必须是 " + min + " 到 " + max + " 之间的整数",
                        name + " must be an integer from " + min + " to " + max);
    }

    private static ApiException invalid(String zh, String en) {
        return INVALID.withDetail(zh, en).exception();
    }
}
