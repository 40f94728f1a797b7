package org.examhall.tools.demo;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.examhall.server.audit.Actor;
import org.examhall.server.gateways.Gateways;

/**
 * The demo's proctor gateway: registered for the demo site with its token written to
 * {@code <dataDir>/keys/demo-gateway.token} (owner-only), where {@code ./examhall demo} hands it to the
 * gateway process; the demo room's camera is {@value #CAMERA}.
 */
public final class DemoGateway {

    public static final String CAMERA = "room-101";
    public static final String TOKEN_FILE = "demo-gateway.token";

    private DemoGateway() {}

    public static Future<Void> seed(Pool pool, Gateways gateways, Path keyDir, String publicUrl) {
        Actor actor = Actor.system("demo");
        Path tokenFile = keyDir.resolve(TOKEN_FILE);
        return pool.query(
                        "SELECT r.id AS room_id, r.site_id, r.camera_key, "
                                + "(SELECT count(*) FROM gateway g WHERE g.site_id = r.site_id) AS gateways FROM exam_room r ORDER BY r.id LIMIT 1")
                .execute()
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture();
                    }
                    var row = rows.iterator().next();
                    long roomId = row.getLong("room_id");
                    Future<Void> camera = row.getString("camera_key") != null
                            ? Future.succeededFuture()
                            : gateways.setCamera(roomId, CAMERA, actor).mapEmpty();
                    if (row.getLong("gateways") > 0 && Files.exists(tokenFile)) {
                        return camera;
                    }
                    return camera.compose(
                                    x -> pool.preparedQuery("UPDATE gateway SET disabled = TRUE WHERE site_id = $1")
                                            .execute(Tuple.of(row.getLong("site_id"))))
                            .compose(x -> gateways.register(
                                    "demo-gateway-" + System.currentTimeMillis(),
                                    row.getLong("site_id"),
                                    publicUrl,
                                    actor))
                            .map(registered -> {
                                write(tokenFile, registered.getString("token"));
                                return null;
                            });
                });
    }

    private static void write(Path file, String token) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, token + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo gateway token", e);
        }
    }
}
