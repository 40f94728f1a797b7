package org.examhall.server.province;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.examhall.server.config.ExamhallConfig;

/**
 * The HTTP/JSON adapter: {@code POST {platformUrl}/packages} with the envelope, and
 * {@code GET {platformUrl}/registrations}. Status codes decide retries: 2xx carries a receipt; 408,
 * 409, 429 and 5xx (and no answer at all) are worth another attempt; any other 4xx is a refusal.
 */
public final class HttpProvincePlatform implements ProvincePlatform {

    private final WebClient client;
    private final String baseUrl;
    private final int requestTimeoutMs;

    public HttpProvincePlatform(Vertx vertx, ExamhallConfig.Province settings, String platformUrl) {
        this.client = WebClient.create(
                vertx,
                new WebClientOptions()
                        .setConnectTimeout(settings.connectTimeoutMs)
                        .setUserAgent("examhall-province-connector/1")
                        .setFollowRedirects(false));
        this.baseUrl = platformUrl.endsWith("/") ? platformUrl.substring(0, platformUrl.length() - 1) : platformUrl;
        this.requestTimeoutMs = settings.requestTimeoutMs;
    }

    @Override
    public Future<Receipt> deliver(Envelope envelope) {
        return client.postAbs(baseUrl + "/packages")
                .putHeader("Idempotency-Key", envelope.idempotencyKey())
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .timeout(requestTimeoutMs)
                .sendBuffer(envelope.toJson().toBuffer())
                .recover(HttpProvincePlatform::unreachable)
                .map(response -> {
                    JsonObject body = ok(response);
                    try {
                        return Receipt.fromJson(body);
                    } catch (IllegalArgumentException e) {
                        throw new PlatformException(true, "RECEIPT_MALFORMED: " + e.getMessage());
                    }
                });
    }

    @Override
    public Future<List<Registration>> registrations(String operationItem, long since) {
        return client.getAbs(baseUrl + "/registrations")
                .addQueryParam("operationItem", operationItem)
                .addQueryParam("since", Long.toString(since))
                .timeout(requestTimeoutMs)
                .send()
                .recover(HttpProvincePlatform::unreachable)
                .map(response -> {
                    JsonArray items = ok(response).getJsonArray("registrations");
                    if (items == null) {
                        throw new PlatformException(true, "REGISTRATIONS_MALFORMED: no registrations array");
                    }
                    List<Registration> out = new ArrayList<>();
                    for (int i = 0; i < items.size(); i++) {
                        try {
                            out.add(Registration.fromJson(items.getJsonObject(i)));
                        } catch (IllegalArgumentException | ClassCastException e) {
                            throw new PlatformException(
                                    false, "REGISTRATIONS_MALFORMED: registration " + i + ": " + e.getMessage());
                        }
                    }
                    return out;
                });
    }

    /** No HTTP answer at all: refused or broken connection, or no answer within the request timeout. */
    private static <T> Future<T> unreachable(Throwable cause) {
        String detail = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        boolean timedOut = cause instanceof TimeoutException || detail.contains("timeout period");
        return Future.failedFuture(
                new PlatformException(true, (timedOut ? "PLATFORM_TIMEOUT: " : "PLATFORM_UNREACHABLE: ") + detail));
    }

    /** The JSON body of a 2xx answer; anything else becomes a {@link PlatformException} carrying the platform's own words. */
    private static JsonObject ok(HttpResponse<Buffer> response) {
        int status = response.statusCode();
        JsonObject body = null;
        try {
            Buffer raw = response.body();
            body = raw == null || raw.length() == 0 ? null : new JsonObject(raw);
        } catch (DecodeException | ClassCastException e) {
            // not JSON: described by status below
        }
        if (status >= 200 && status < 300) {
            if (body == null) {
                throw new PlatformException(true, "RESPONSE_MALFORMED: HTTP " + status + " without a JSON object");
            }
            return body;
        }
        // 409: the platform lacks something that comes first (the version a correction supersedes), which may yet
        // arrive.
        boolean retryable = status >= 500 || status == 408 || status == 409 || status == 429;
        throw new PlatformException(retryable, describe(status, body));
    }

    private static String describe(int status, JsonObject body) {
        StringBuilder text = new StringBuilder("HTTP ").append(status);
        if (body != null && body.getValue("code") instanceof String code) {
            text.append(' ').append(code);
            JsonObject message = body.getValue("message") instanceof JsonObject m ? m : null;
            if (message != null) {
                text.append(": ")
                        .append(message.getString("zh", ""))
                        .append(" / ")
                        .append(message.getString("en", ""));
            }
        }
        return text.toString();
    }
}
