package org.examhall.server.testing;

import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.client.WebClientSession;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.examhall.protocol.totp.Totp;
import org.examhall.server.http.HttpApi;

/**
 * A browser-like HTTP client for tests: keeps cookies, sends the CSRF token it was given at
 * sign-in, and blocks on each call (tests read top to bottom).
 */
public final class ApiClient {

    private final WebClientSession http;
    private final int port;
    private String csrfToken;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiClient(Vertx vertx, int port) {
        this.http = WebClientSession.create(WebClient.create(
                vertx,
                new WebClientOptions()
                        .setDefaultHost("127.0.0.1")
                        .setDefaultPort(port)
                        .setFollowRedirects(false)));
        this.port = port;
    }

    public int port() {
        return port;
    }

    public HttpResponse<Buffer> get(String path) {
        return send(HttpMethod.GET, path, null);
    }

    public HttpResponse<Buffer> post(String path, JsonObject body) {
        return send(HttpMethod.POST, path, body == null ? null : body.toBuffer());
    }

    public HttpResponse<Buffer> send(HttpMethod method, String path, Buffer body) {
        HttpRequest<Buffer> request = http.request(method, path);
        headers.forEach(request::putHeader);
        if (csrfToken != null && method != HttpMethod.GET) {
            request.putHeader("X-CSRF-Token", csrfToken);
        }
        if (body != null) {
            request.putHeader("Content-Type", "application/json");
            return TestServer.await(request.sendBuffer(body));
        }
        return TestServer.await(request.send());
    }

    public HttpResponse<Buffer> login(String username, String password, String totp) {
        JsonObject body = new JsonObject().put("username", username).put("password", password);
        if (totp != null) {
            body.put("totp", totp);
        }
        HttpResponse<Buffer> response = post("/api/auth/login", body);
        if (response.statusCode() == 200) {
            csrfToken = response.bodyAsJsonObject().getString("csrfToken");
        }
        return response;
    }

    /** Signs in and fails the test unless it worked; computes the TOTP code when a secret is given. */
    public ApiClient signedIn(String username, String password, String totpSecret) {
        HttpResponse<Buffer> response =
                login(username, password, totpSecret == null ? null : Totp.codeAt(totpSecret, Instant.now()));
        if (response.statusCode() != 200) {
            throw new AssertionError(
                    "sign-in of " + username + " failed: " + response.statusCode() + " " + response.bodyAsString());
        }
        return this;
    }

    /** Sends this header on every later request (a terminal's credential, a candidate token); null removes it. */
    public ApiClient withHeader(String name, String value) {
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        return this;
    }

    public String csrfToken() {
        return csrfToken;
    }

    public void useCsrfToken(String token) {
        csrfToken = token;
    }

    public void forgetCsrfToken() {
        csrfToken = null;
    }

    /** Continues another client's session (cookie and CSRF token), as a browser does behind a load balancer. */
    public void adoptSession(ApiClient other) {
        DefaultCookie cookie = new DefaultCookie(HttpApi.SESSION_COOKIE, other.sessionCookie());
        cookie.setPath("/");
        http.cookieStore().put(cookie);
        csrfToken = other.csrfToken;
    }

    /** The session cookie, to replay the same session against another node. */
    public String sessionCookie() {
        return http.cookieStore().get(false, "127.0.0.1", "/").iterator().hasNext()
                ? http.cookieStore()
                        .get(false, "127.0.0.1", "/")
                        .iterator()
                        .next()
                        .value()
                : null;
    }

    /** A cookie this client holds for the sign-in route (where the recognised-browser token lives), or null. */
    public String cookieNamed(String name) {
        for (Cookie cookie : http.cookieStore().get(false, "127.0.0.1", "/api/auth/login")) {
            if (cookie.name().equals(name)) {
                return cookie.value();
            }
        }
        return null;
    }

    /** Takes a cookie as another browser holds it: a copied token, say. */
    public void adoptCookie(String name, String value) {
        DefaultCookie cookie = new DefaultCookie(name, value);
        cookie.setPath("/api/auth");
        http.cookieStore().put(cookie);
    }

    /** A body sent as it is (or none), with the Content-Type given (or none). */
    public HttpResponse<Buffer> sendRaw(HttpMethod method, String path, String contentType, Buffer body) {
        HttpRequest<Buffer> request = http.request(method, path);
        headers.forEach(request::putHeader);
        if (csrfToken != null) {
            request.putHeader("X-CSRF-Token", csrfToken);
        }
        if (contentType != null) {
            request.putHeader("Content-Type", contentType);
        }
        return TestServer.await(body == null ? request.send() : request.sendBuffer(body));
    }

    /** Closes this client's connections, as a browser tab that goes away does. */
    public void close() {
        http.close();
    }
}
