package org.examhall.server.archive;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.examhall.server.audit.Actor;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.Ids;
import org.examhall.server.http.Role;

/** The bureau's export of a class archive (一期一档). */
public final class ArchiveRoutes {

    private final ClassArchive archive;

    public ArchiveRoutes(ClassArchive archive) {
        this.archive = archive;
    }

    public void register(ApiRouter api) {
        api.addRaw(
                HttpMethod.GET,
                "/api/classes/:id/archive.zip",
                Access.roles(Role.BUREAU_ADMIN),
                "Export a training class's archive as a ZIP with an SM2-signed index of SM3 file hashes",
                this::export);
    }

    private void export(RoutingContext ctx) {
        long classId;
        try {
            classId = Ids.path(ctx, "id");
        } catch (RuntimeException e) {
            ctx.fail(e);
            return;
        }
        archive.export(classId, Actor.of(ctx))
                .onSuccess(zip -> ctx.response()
                        .putHeader("Content-Type", "application/zip")
                        .putHeader("Cache-Control", "no-store")
                        .putHeader("Content-Disposition", "attachment; filename=\"class-" + classId + "-archive.zip\"")
                        .end(Buffer.buffer(zip)))
                .onFailure(ctx::fail);
    }
}
