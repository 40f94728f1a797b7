package org.examhall.server.http;

import io.vertx.core.http.HttpMethod;

/** One declared route: the catalog of these drives access checks, the OpenAPI check and the role-matrix test. */
public record RouteSpec(HttpMethod method, String path, Access access, String summary) {

    public boolean changesState() {
        return !(method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS);
    }
}
