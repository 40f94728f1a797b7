package org.examhall.server.health;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;

/** Serves the OpenAPI description of the HTTP API, kept in step with the route catalog by a test. */
public final class OpenApiRoutes {

    private final Buffer document;

    public OpenApiRoutes() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the build");
            }
            document = Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void register(ApiRouter api) {
        api.addRaw(
                HttpMethod.GET,
                "/openapi.yaml",
                Access.PUBLIC,
                "This OpenAPI document",
                ctx -> ctx.response()
                        .putHeader("Content-Type", "application/yaml; charset=utf-8")
                        .end(document));
    }
}
