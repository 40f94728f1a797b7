package org.examhall.load;

import io.netty.handler.codec.http.cookie.ClientCookieDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.examhall.protocol.totp.Totp;

/**
 * A signed-in staff member (bureau admin or proctor) as a browser holds it: the session cookies and
 * the CSRF token returned by sign-in, sent on every state-changing request. When the server no
 * longer knows the session (a 401: the whole cluster restarted, or someone signed it out), it signs
 * in again with the same credentials and sends the call once more, as a person would.
 */
final class StaffSession {

    private final StaffEndpoints endpoints;
    private final String username;
    private final String password;
    private final String totpSecret;
    private final long timeoutMs;
    // Calls run on several contexts at once; the session they present is swapped whole.
    private volatile Credentials credentials = new Credentials(Map.of(), null, 0);
    private Future<Void> signingIn;

    /** What sign-in gave; {@code generation} tells a call whether someone signed in again since it was sent. */
    private record Credentials(Map<String, String> cookies, String csrfToken, int generation) {}

    private StaffSession(
            StaffEndpoints endpoints, String username, String password, String totpSecret, long timeoutMs) {
        this.endpoints = endpoints;
        this.username = username;
        this.password = password;
        this.totpSecret = totpSecret;
        this.timeoutMs = timeoutMs;
    }

    /** Signs in; the TOTP secret is needed for admins and proctors outside demo mode. */
    static Future<StaffSession> signIn(
            StaffEndpoints endpoints, String username, String password, String totpSecret, long timeoutMs) {
        StaffSession session = new StaffSession(endpoints, username, password, totpSecret, timeoutMs);
        return session.signInAgain(0).map(session);
    }

    Future<JsonObject> get(String path) {
        return call(HttpMethod.GET, path, null);
    }

    Future<JsonObject> post(String path, JsonObject body) {
        return call(HttpMethod.POST, path, body == null ? new JsonObject() : body);
    }

    private Future<JsonObject> call(HttpMethod method, String path, JsonObject body) {
        Credentials used = credentials;
        return send(method, path, body, used).recover(e -> {
            if (e instanceof ApiFailure api && api.status() == 401) {
                return signInAgain(used.generation()).compose(x -> send(method, path, body, credentials));
            }
            return Future.failedFuture(e);
        });
    }

    /** One sign-in for all the calls that found the session gone together. */
    private synchronized Future<Void> signInAgain(int staleGeneration) {
        if (credentials.generation() > staleGeneration) {
            return Future.succeededFuture();
        }
        if (signingIn == null) {
            signingIn = login().andThen(ar -> {
                synchronized (this) {
                    signingIn = null;
                }
            });
        }
        return signingIn;
    }

    private Future<Void> login() {
        JsonObject body = new JsonObject().put("username", username).put("password", password);
        if (totpSecret != null && !totpSecret.isBlank()) {
            body.put("totp", Totp.codeAt(totpSecret, Instant.now()));
        }
        Credentials anonymous = new Credentials(Map.of(), null, credentials.generation());
        return endpoints
                .send(client -> request(client.request(HttpMethod.POST, "/api/auth/login"), HttpMethod.POST, anonymous)
                        .sendJsonObject(body))
                .compose(response -> Http.json("POST /api/auth/login", response).map(me -> {
                    credentials = new Credentials(
                            cookies(anonymous.cookies(), response),
                            me.getString("csrfToken"),
                            anonymous.generation() + 1);
                    return (Void) null;
                }))
                .recover(e -> Future.failedFuture(
                        new IllegalStateException("sign-in of " + username + " failed: " + e.getMessage(), e)));
    }

    private Future<JsonObject> send(HttpMethod method, String path, JsonObject body, Credentials used) {
        return endpoints
                .send(client -> {
                    HttpRequest<Buffer> request = request(client.request(method, path), method, used);
                    return body == null ? request.send() : request.sendJsonObject(body);
                })
                .compose(response -> {
                    keepCookies(used, response);
                    return Http.json(method + " " + path, response);
                });
    }

    private HttpRequest<Buffer> request(HttpRequest<Buffer> request, HttpMethod method, Credentials used) {
        request.timeout(timeoutMs);
        if (!used.cookies().isEmpty()) {
            request.putHeader(
                    "Cookie",
                    used.cookies().entrySet().stream()
                            .map(c -> c.getKey() + "=" + c.getValue())
                            .collect(Collectors.joining("; ")));
        }
        if (used.csrfToken() != null && method != HttpMethod.GET) {
            request.putHeader("X-CSRF-Token", used.csrfToken());
        }
        return request;
    }

    /** A response of the current session may set cookies (a renewed session id); a stale one's are ignored. */
    private synchronized void keepCookies(Credentials used, HttpResponse<Buffer> response) {
        if (!response.cookies().isEmpty() && credentials.generation() == used.generation()) {
            credentials = new Credentials(
                    cookies(credentials.cookies(), response), credentials.csrfToken(), used.generation());
        }
    }

    private static Map<String, String> cookies(Map<String, String> before, HttpResponse<Buffer> response) {
        Map<String, String> jar = new TreeMap<>(before);
        for (String header : response.cookies()) {
            Cookie cookie = ClientCookieDecoder.LAX.decode(header);
            if (cookie == null) {
                continue;
            }
            if (cookie.maxAge() == 0) {
                jar.remove(cookie.name());
            } else {
                jar.put(cookie.name(), cookie.value());
            }
        }
        return Map.copyOf(jar);
    }
}
