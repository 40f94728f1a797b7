package org.examhall.server.gateways;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.Errors;
import org.examhall.server.http.Ids;
import org.examhall.server.http.JsonBodies;
import org.examhall.server.http.Reply;
import org.examhall.server.http.RequestIds;
import org.examhall.server.http.Role;
import org.examhall.server.http.Times;

/** Gateways report and read back the heads of their archives' day indexes; bureau admins and auditors watch them. */
public final class ArchiveHeadRoutes {

    private final Gateways gateways;
    private final ArchiveHeads heads;

    public ArchiveHeadRoutes(Gateways gateways, ArchiveHeads heads) {
        this.gateways = gateways;
        this.heads = heads;
    }

    public void register(ApiRouter api) {
        api.add(
                HttpMethod.POST,
                "/api/gateway/archive-heads",
                Access.GATEWAY,
                "A gateway reports the new head of a camera's day index (idempotent; a head going back is refused and audited)",
                this::report);
        api.add(
                HttpMethod.GET,
                "/api/gateway/archive-heads",
                Access.GATEWAY,
                "The head of one of the calling gateway's cameras as witnessed here, with every earlier head (?camera=)",
                this::read);
        api.add(
                HttpMethod.GET,
                "/api/archive-heads",
                Access.roles(Role.BUREAU_ADMIN, Role.AUDITOR),
                "Witnessed archive heads of every gateway camera, and the heads refused as going back",
                ctx -> heads.overview().map(Reply::ok));
    }

    private Future<Reply> report(RoutingContext ctx) {
        return gateways.authenticate(ctx).compose(gateway -> {
            JsonObject body = JsonBodies.object(ctx);
            String hash = JsonBodies.requiredString(body, "hash", 64);
            if (!hash.matches("[0-9a-f]{64}")) {
                throw Errors.invalid("hash 必须是 64 位小写十六进制 SM3", "hash must be an SM3 as 64 lower-case hex digits");
            }
            ArchiveHeads.Head head = new ArchiveHeads.Head(
                    CameraKeys.require(JsonBodies.requiredString(body, "camera", 100)),
                    Ids.requiredId(body, "seq"),
                    hash,
                    day(JsonBodies.optionalString(body, "day", 10)),
                    Times.parse(JsonBodies.requiredString(body, "at", 40)));
            return heads.offer(gateway, head, RequestIds.of(ctx)).map(outcome -> {
                if (outcome.refused()) {
                    throw GatewayErrors.ARCHIVE_HEAD_BACKWARDS.exception();
                }
                return new Reply(
                        outcome.duplicate() ? 200 : 201,
                        outcome.witnessed().toJson().put("duplicate", outcome.duplicate()));
            });
        });
    }

    private Future<Reply> read(RoutingContext ctx) {
        return gateways.authenticate(ctx).compose(gateway -> {
            String camera = ctx.queryParams().get("camera");
            if (camera == null) {
                throw Errors.invalid("缺少查询参数 camera", "query parameter camera is required");
            }
            String key = CameraKeys.require(camera);
            return heads.witnessed(gateway.id(), key).compose(head -> {
                if (head == null) {
                    throw GatewayErrors.ARCHIVE_HEAD_NOT_FOUND.exception();
                }
                return heads.history(gateway.id(), key)
                        .map(history -> Reply.ok(head.toJson().put("history", history)));
            });
        });
    }

    private static LocalDate day(String value) {
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw Errors.invalid("day 必须是 yyyy-MM-dd 日期", "day must be a yyyy-MM-dd date");
        }
    }
}
