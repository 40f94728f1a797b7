package org.examhall.proctor.live;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.examhall.proctor.archive.ArchiveIndex;
import org.examhall.proctor.archive.ArchivedSegment;
import org.examhall.proctor.archive.SegmentStore;
import org.examhall.proctor.archive.UploadBacklog;
import org.examhall.proctor.clip.ClipExportException;
import org.examhall.proctor.clip.ClipExporter;
import org.examhall.proctor.clip.EvidenceClip;
import org.examhall.proctor.config.GatewayConfig;
import org.examhall.proctor.config.RoomConfig;
import org.examhall.proctor.config.SourceConfig;
import org.examhall.proctor.http.ErrorReplies;
import org.examhall.proctor.log.LogEvent;
import org.examhall.proctor.retention.Hold;
import org.examhall.proctor.retention.HoldStore;
import org.examhall.proctor.retention.IncidentHolds;
import org.examhall.proctor.viewing.TicketGuard;
import org.examhall.protocol.http.ApiError;

/**
 * The gateway's HTTP side, for the proctor console and exam-server. Everything that shows a room's picture
 * or sound needs a viewing ticket from exam-server for that room ({@link TicketGuard}); clips, and the API
 * that exports them and places holds, need the gateway token (only exam-server has it). File and archive
 * work runs on worker threads, never on the event loop, in separate pools ({@link HttpWorkers}) so that
 * playback and clip exports never hold up the live view. Ranges are capped ({@link FootageRange}).
 *
 * <pre>
 * GET  /api/rooms                                  rooms, cameras, online and archive state, live and page URLs (token)
 * GET  /metrics                                    Prometheus text: cameras online, archives failing, upload backlog, disk space (token)
 * GET  /live/{room}[?camera=]                      live page (hls.js)                       (ticket)
 * GET  /live/{room}/{camera}/index.m3u8, seg-N.ts  live HLS                                 (ticket)
 * GET  /play/{room}?camera=&amp;from=&amp;to=              playback page, at most 4 h               (ticket)
 * GET  /playback/{room}/{camera}.m3u8?from=&amp;to=     VOD playlist over archive segments, 4 h  (ticket)
 * GET  /archive/{room}/{yyyy-MM-dd}/{HH}/{file}.ts  an archived segment                      (ticket)
 * POST /api/clips  {room, camera, from, to}        export an evidence clip, at most 30 min  (bearer)
 * GET  /clips/{id}.ts, /clips/{id}.ts.sm3          a clip and its hash                      (bearer)
 * GET/POST /api/holds, DELETE /api/holds/{id}      incident holds, with the store's legal hold (bearer)
 * </pre>
 */
public final class GatewayHttpServer {

    private static final System.Logger LOG = System.getLogger(GatewayHttpServer.class.getName());

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern HOUR = Pattern.compile("\\d{2}");

    private final Vertx vertx;
    private final GatewayConfig config;
    private final ArchiveIndex index;
    private final SegmentStore store;
    private final ClipExporter clips;
    private final HoldStore holds;
    private final IncidentHolds incidentHolds;
    private final UploadBacklog backlog;
    private final Map<String, CameraStatus> status;
    private final TicketGuard tickets;
    private final Clock clock;
    private final HttpWorkers workers;
    private final ClipExportQueue exports;
    /** A segment runs past its nominal length to reach a key frame; twice that is more than any does. */
    private final Duration longestSegment;

    private HttpServer server;

    public GatewayHttpServer(
            Vertx vertx,
            GatewayConfig config,
            ArchiveIndex index,
            SegmentStore store,
            ClipExporter clips,
            HoldStore holds,
            IncidentHolds incidentHolds,
            UploadBacklog backlog,
            Map<String, CameraStatus> status,
            TicketGuard tickets,
            Clock clock) {
        this.vertx = vertx;
        this.clock = clock;
        this.workers = new HttpWorkers(vertx);
        this.exports = new ClipExportQueue(workers.clips());
        this.longestSegment = Duration.ofSeconds(2L * config.archive().segmentSeconds());
        this.config = config;
        this.index = index;
        this.store = store;
        this.clips = clips;
        this.holds = holds;
        this.incidentHolds = incidentHolds;
        this.backlog = backlog;
        this.status = status;
        this.tickets = tickets;
    }

    public Future<HttpServer> start() {
        Router router = Router.router(vertx);
        router.route("/webjars/*")
                .handler(StaticHandler.create("META-INF/resources/webjars").setCachingEnabled(true));
        BearerAuth auth = new BearerAuth(config.examServer().token());
        // Which rooms and cameras a site has, and which are offline, is for exam-server and the operator only.
        router.get("/api/rooms").handler(auth).handler(this::rooms);
        router.get("/metrics").handler(auth).handler(this::metrics);
        router.get("/live/:room").handler(tickets.live()).handler(this::livePage);
        router.get("/live/:room/:camera/:file").handler(tickets.live()).handler(this::liveFile);
        router.get("/play/:room").handler(tickets.playback()).handler(this::playPage);
        router.get("/playback/:room/:playlist").handler(tickets.playback()).handler(this::playbackPlaylist);
        router.get("/archive/:room/:day/:hour/:file")
                .handler(tickets.playback())
                .handler(this::archiveFile);
        router.get("/clips/:file").handler(auth).handler(this::clipFile);
        router.route("/api/clips")
                .handler(BodyHandler.create().setBodyLimit(16 * 1024))
                .handler(auth);
        router.post("/api/clips").handler(this::exportClip);
        router.route("/api/holds*")
                .handler(BodyHandler.create().setBodyLimit(16 * 1024))
                .handler(auth);
        router.get("/api/holds")
                .handler(ctx -> json(
                        ctx,
                        new JsonArray(holds.all().stream()
                                .map(GatewayHttpServer::holdJson)
                                .toList())));
        router.post("/api/holds").handler(this::addHold);
        router.delete("/api/holds/:id").handler(this::removeHold);
        return vertx.createHttpServer()
                .requestHandler(router)
                .listen(config.http().port())
                .onSuccess(s -> server = s);
    }

    public int port() {
        return server.actualPort();
    }

    public Future<Void> stop() {
        Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
        return closed.eventually(workers::close);
    }

    private void rooms(RoutingContext ctx) {
        JsonArray rooms = new JsonArray();
        for (RoomConfig room : config.rooms()) {
            JsonArray cameras = new JsonArray();
            for (SourceConfig camera : room.sources()) {
                CameraStatus.State state = status.get(room.id()).state(camera.id());
                cameras.add(new JsonObject()
                        .put("id", camera.id())
                        .put("online", state.online())
                        .put(
                                "since",
                                state.since() == null ? null : state.since().toString())
                        .put("reason", state.reason())
                        .put("archive", archiveJson(status.get(room.id()).archive(camera.id())))
                        .put("livePlaylist", "/live/" + room.id() + "/" + camera.id() + "/" + HlsLiveWriter.PLAYLIST)
                        .put("livePage", "/live/" + room.id() + "?camera=" + camera.id()));
            }
            rooms.add(new JsonObject()
                    .put("id", room.id())
                    .put("name", room.name())
                    .put("cameras", cameras));
        }
        json(ctx, new JsonObject().put("site", config.site()).put("rooms", rooms));
    }

    private static JsonObject archiveJson(CameraStatus.Archive archive) {
        return new JsonObject()
                .put("state", archive.failing() ? "ARCHIVE_FAILING" : "OK")
                .put("since", archive.since() == null ? null : archive.since().toString())
                .put("reason", archive.reason())
                .put("failures", archive.failures());
    }

    private void livePage(RoutingContext ctx) {
        RoomConfig room = room(ctx);
        if (room == null) {
            return;
        }
        String camera = ctx.queryParams().get("camera") != null
                ? ctx.queryParams().get("camera")
                : room.sources().get(0).id();
        html(
                ctx,
                PlayerPage.render(
                        room.name() + " · " + camera + " · 实时",
                        "/live/" + room.id() + "/" + camera + "/" + HlsLiveWriter.PLAYLIST,
                        TicketGuard.presented(ctx)));
    }

    private void liveFile(RoutingContext ctx) {
        String room = ctx.pathParam("room");
        String camera = ctx.pathParam("camera");
        String file = ctx.pathParam("file");
        if (!safe(room) || !safe(camera) || !safe(file) || !(file.endsWith(".m3u8") || file.endsWith(".ts"))) {
            ErrorReplies.send(ctx, new ApiError(404, "not_found", "没有该直播文件", "no such live file"));
            return;
        }
        Path path = config.liveDir().resolve(room).resolve(camera).resolve(file);
        boolean playlist = file.endsWith(".m3u8");
        // The playlist changes every segment: never cache it. Segments never change: cache them.
        ctx.response()
                .putHeader("Cache-Control", playlist ? "no-cache" : "max-age=60")
                .putHeader("Content-Type", playlist ? "application/vnd.apple.mpegurl" : "video/mp2t");
        sendFile(ctx, path, workers.live(() -> Files.isRegularFile(path)));
    }

    private void playPage(RoutingContext ctx) {
        RoomConfig room = room(ctx);
        if (room == null) {
            return;
        }
        String camera = ctx.queryParams().get("camera") != null
                ? ctx.queryParams().get("camera")
                : room.sources().get(0).id();
        if (!safe(camera)) {
            ErrorReplies.send(ctx, new ApiError(404, "not_found", "没有该摄像头", "no such camera"));
            return;
        }
        FootageRange range = permittedRange(ctx);
        if (range == null) {
            return;
        }
        html(
                ctx,
                PlayerPage.render(
                        room.name() + " · " + camera + " · 回放 " + range.from() + " – " + range.to(),
                        "/playback/" + room.id() + "/" + camera + ".m3u8?from=" + range.from() + "&to=" + range.to(),
                        TicketGuard.presented(ctx)));
    }

    private void playbackPlaylist(RoutingContext ctx) {
        RoomConfig room = room(ctx);
        String playlist = ctx.pathParam("playlist");
        if (room == null) {
            return;
        }
        if (!playlist.endsWith(".m3u8")) {
            ErrorReplies.send(ctx, new ApiError(404, "not_found", "没有该回放列表", "no such playlist"));
            return;
        }
        FootageRange range = permittedRange(ctx);
        if (range == null) {
            return;
        }
        String camera = playlist.substring(0, playlist.length() - ".m3u8".length());
        workers.archive(() -> index.range(room.id(), camera, range.from(), range.to()))
                .onComplete(result -> {
                    if (result.failed()) {
                        ctx.fail(result.cause());
                        return;
                    }
                    List<ArchivedSegment> segments = result.result();
                    if (segments.isEmpty()) {
                        ErrorReplies.send(
                                ctx,
                                new ApiError(404, "no_recording", "该时段没有录像", "nothing was recorded in that range"));
                        return;
                    }
                    ctx.response()
                            .putHeader("Content-Type", "application/vnd.apple.mpegurl")
                            .end(PlaybackPlaylist.build(segments, range.from(), "/archive/" + room.id() + "/"));
                });
    }

    private void archiveFile(RoutingContext ctx) {
        String room = ctx.pathParam("room");
        String day = ctx.pathParam("day");
        String hour = ctx.pathParam("hour");
        String file = ctx.pathParam("file");
        Instant start = safe(file) ? index.segmentStart(file).orElse(null) : null;
        if (!safe(room) || !DAY.matcher(day).matches() || !HOUR.matcher(hour).matches() || start == null) {
            ErrorReplies.send(ctx, new ApiError(404, "not_found", "没有该录像文件", "no such recording"));
            return;
        }
        if (!TicketGuard.coversSegment(ctx, start, longestSegment)) {
            return;
        }
        String key = config.site() + "/" + room + "/" + day + "/" + hour + "/" + file;
        Future<Path> copy = workers.archive(() -> store.localCopy(key));
        copy.onFailure(ctx::fail).onSuccess(path -> {
            ctx.response().putHeader("Content-Type", "video/mp2t").putHeader("Cache-Control", "max-age=3600");
            sendFile(ctx, path, workers.archive(() -> Files.isRegularFile(path)));
        });
    }

    private void clipFile(RoutingContext ctx) {
        String file = ctx.pathParam("file");
        if (!safe(file) || !(file.endsWith(".ts") || file.endsWith(".ts.sm3"))) {
            ErrorReplies.send(ctx, new ApiError(404, "not_found", "没有该片段", "no such clip"));
            return;
        }
        ctx.response().putHeader("Content-Type", file.endsWith(".ts") ? "video/mp2t" : "text/plain; charset=utf-8");
        Path path = config.clipsDir().resolve(file);
        sendFile(ctx, path, workers.archive(() -> Files.isRegularFile(path)));
    }

    private void exportClip(RoutingContext ctx) {
        JsonObject body = ctx.body().asJsonObject();
        String roomId = body == null ? null : body.getString("room");
        String camera = body == null ? null : body.getString("camera");
        if (roomId == null
                || config.rooms().stream().noneMatch(r -> r.id().equals(roomId))
                || camera == null
                || !safe(camera)) {
            ErrorReplies.send(
                    ctx,
                    new ApiError(
                            400,
                            "bad_clip_request",
                            "需要 room、camera、from、to",
                            "room, camera, from and to are required"));
            return;
        }
        FootageRange range;
        try {
            range = FootageRange.parse(body.getString("from"), body.getString("to"), FootageRange.CLIP_MAX, clock);
        } catch (FootageRange.Refused e) {
            e.send(ctx);
            return;
        }
        exports.submit(() -> clips.export(roomId, camera, range.from(), range.to()))
                .onComplete(result -> {
                    if (result.failed()) {
                        if (result.cause() instanceof ClipExportQueue.Busy) {
                            ctx.response().putHeader("Retry-After", "30");
                            ErrorReplies.send(
                                    ctx,
                                    new ApiError(
                                            503,
                                            "clips_busy",
                                            "正在导出的证据片段过多，请稍后再试",
                                            "too many clip exports are under way; try again shortly"));
                        } else if (result.cause() instanceof ClipExportException e) {
                            ErrorReplies.send(
                                    ctx,
                                    new ApiError(
                                            422, "clip_not_possible", "无法导出证据片段：" + e.getMessage(), e.getMessage()));
                        } else {
                            ctx.fail(result.cause());
                        }
                        return;
                    }
                    EvidenceClip clip = result.result();
                    String base =
                            config.http().baseUrl() + "/clips/" + clip.file().getFileName();
                    ctx.response().setStatusCode(201);
                    json(
                            ctx,
                            new JsonObject()
                                    .put("id", clip.id())
                                    .put("url", base)
                                    .put("sm3", clip.sm3())
                                    .put("sm3Url", base + ".sm3")
                                    .put("bytes", clip.bytes())
                                    .put("from", clip.from().toString())
                                    .put("to", clip.to().toString())
                                    .put("sources", new JsonArray(clip.sourceSegments())));
                });
    }

    private void addHold(RoutingContext ctx) {
        JsonObject body = ctx.body().asJsonObject();
        Hold hold;
        try {
            hold = new Hold(
                    body.getString("id", UUID.randomUUID().toString()),
                    body.getString("room"),
                    body.getString("camera"),
                    Instant.parse(body.getString("from")),
                    Instant.parse(body.getString("to")),
                    body.getString("reason"),
                    Instant.now());
        } catch (RuntimeException e) {
            ErrorReplies.send(
                    ctx,
                    new ApiError(
                            400,
                            "bad_hold",
                            "保全需要 room、from、to（from < to）",
                            "a hold needs room, from and to (from < to)"));
            return;
        }
        workers.archive(() -> {
                    holds.add(hold);
                    storeLegalHold(hold, true);
                    return hold;
                })
                .onComplete(result -> {
                    if (result.failed()) {
                        ErrorReplies.send(
                                ctx,
                                new ApiError(
                                        409,
                                        "hold_exists",
                                        "该保全已存在",
                                        result.cause().getMessage()));
                        return;
                    }
                    ctx.response().setStatusCode(201);
                    json(ctx, holdJson(hold));
                });
    }

    private void removeHold(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        workers.archive(() -> {
                    Hold lifted = holds.all().stream()
                            .filter(h -> h.id().equals(id))
                            .findFirst()
                            .orElse(null);
                    boolean removed = holds.remove(id);
                    if (removed) {
                        storeLegalHold(lifted, false);
                    }
                    return removed;
                })
                .onComplete(result -> {
                    if (result.succeeded() && result.result()) {
                        ctx.response().setStatusCode(204).end();
                    } else {
                        ErrorReplies.send(ctx, new ApiError(404, "no_such_hold", "没有该保全", "no such hold"));
                    }
                });
    }

    /**
     * The hold is kept in holds.json whatever the store says; a store that cannot set its own legal hold now is
     * logged for the operator (retention still keeps the footage, the store's lock keeps it three years).
     */
    private void storeLegalHold(Hold hold, boolean placed) {
        try {
            int segments = incidentHolds.apply(hold, placed, index, store);
            LogEvent.of(placed ? "legal_hold_placed" : "legal_hold_lifted")
                    .with("hold", hold.id())
                    .with("room", hold.room())
                    .with("segments", segments)
                    .log(LOG, System.Logger.Level.INFO);
        } catch (IOException | RuntimeException e) {
            LogEvent.of("legal_hold_failed")
                    .with("hold", hold.id())
                    .with("room", hold.room())
                    .with("placed", placed)
                    .with("error", e.getMessage())
                    .log(LOG, System.Logger.Level.ERROR, e);
        }
    }

    /** The disk figures read the file systems, which may hang (a network mount): on the archive's workers. */
    private void metrics(RoutingContext ctx) {
        workers.archive(() -> GatewayMetrics.render(config, status, backlog)
                        + DiskSpaceMetrics.render(List.of(config.archive().root(), config.dataDir())))
                .onSuccess(text -> ctx.response()
                        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(text))
                .onFailure(ctx::fail);
    }

    private static JsonObject holdJson(Hold h) {
        return new JsonObject()
                .put("id", h.id())
                .put("room", h.room())
                .put("camera", h.camera())
                .put("from", h.from().toString())
                .put("to", h.to().toString())
                .put("reason", h.reason())
                .put("createdAt", h.createdAt().toString());
    }

    private RoomConfig room(RoutingContext ctx) {
        String id = ctx.pathParam("room");
        RoomConfig room = config.rooms().stream()
                .filter(r -> r.id().equals(id))
                .findFirst()
                .orElse(null);
        if (room == null) {
            ErrorReplies.send(ctx, new ApiError(404, "no_such_room", "没有该考场", "no such room"));
        }
        return room;
    }

    /** Sends the file once {@code found}, checked on the worker pool of the request's kind, says it is there. */
    private static void sendFile(RoutingContext ctx, Path path, Future<Boolean> found) {
        found.onComplete(exists -> {
            if (exists.succeeded() && exists.result()) {
                ctx.response().sendFile(path.toString());
            } else {
                ErrorReplies.send(ctx, new ApiError(404, "not_found", "文件不存在", "no such file"));
            }
        });
    }

    private static boolean safe(String name) {
        return name != null && SAFE_NAME.matcher(name).matches() && !name.startsWith(".");
    }

    /** The request's from/to if they make sense and its ticket covers them; null once the request has been refused. */
    private FootageRange permittedRange(RoutingContext ctx) {
        try {
            FootageRange range = FootageRange.parse(
                    ctx.queryParams().get("from"), ctx.queryParams().get("to"), FootageRange.PLAYLIST_MAX, clock);
            return TicketGuard.covers(ctx, range.from(), range.to()) ? range : null;
        } catch (FootageRange.Refused e) {
            e.send(ctx);
            return null;
        }
    }

    private static void json(RoutingContext ctx, Object body) {
        ctx.response()
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.toString());
    }

    private static void html(RoutingContext ctx, String page) {
        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(page);
    }
}
