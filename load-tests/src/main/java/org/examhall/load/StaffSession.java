package org.examhall.load;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientSession;

import java.time.Instant;

/**
 * A signed-in staff member (bureau admin or proctor) as a browser holds it: the session cookie and
 * the CSRF token returned by sign-in, sent on every state-changing request.
 */
final class StaffSession {

  private final WebClientSession http;
  private final String username;
  private final long timeoutMs;
  private String csrfToken;
  private long staffId;

  private StaffSession(WebClient client, String username, long timeoutMs) {
    this.http = WebClientSession.create(client);
    this.username = username;
    this.timeoutMs = timeoutMs;
  }

  /** Signs in; the TOTP secret is needed for admins and proctors outside demo mode. */
  static Future<StaffSession> signIn(WebClient client, String username, String password, String totpSecret, long timeoutMs) {
    StaffSession session = new StaffSession(client, username, timeoutMs);
    JsonObject body = new JsonObject().put("username", username).put("password", password);
    if (totpSecret != null && !totpSecret.isBlank()) {
      body.put("totp", Totp.codeAt(totpSecret, Instant.now()));
    }
    return session.call(HttpMethod.POST, "/api/auth/login", body).map(me -> {
      session.csrfToken = me.getString("csrfToken");
      session.staffId = me.getLong("staffId", 0L);
      return session;
    }).recover(e -> Future.failedFuture(new IllegalStateException("sign-in of " + username + " failed: " + e.getMessage(), e)));
  }

  String username() {
    return username;
  }

  long staffId() {
    return staffId;
  }

  Future<JsonObject> get(String path) {
    return call(HttpMethod.GET, path, null);
  }

  Future<JsonObject> post(String path, JsonObject body) {
    return call(HttpMethod.POST, path, body == null ? new JsonObject() : body);
  }

  private Future<JsonObject> call(HttpMethod method, String path, JsonObject body) {
    HttpRequest<Buffer> request = http.request(method, path).timeout(timeoutMs);
    if (csrfToken != null && method != HttpMethod.GET) {
      request.putHeader("X-CSRF-Token", csrfToken);
    }
    Future<HttpResponse<Buffer>> sent = body == null ? request.send() : request.sendJsonObject(body);
    return sent.compose(response -> Http.json(method + " " + path, response));
  }
}
