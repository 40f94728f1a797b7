package org.examhall.server.exam;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.util.encoders.Hex;

/**
 * When a bureau requires it, terminals must run Safe Exam Browser with one of its configurations:
 * SEB sends SHA-256(request URL ‖ Config Key) in {@code X-SafeExamBrowser-ConfigKeyHash} and
 * SHA-256(request URL ‖ Browser Exam Key) in {@code X-SafeExamBrowser-RequestHash}; either matching a
 * configured key is accepted.
 */
public final class SafeExamBrowserCheck {

    private final boolean required;
    private final List<String> configKeys;
    private final List<String> browserExamKeys;

    public SafeExamBrowserCheck(boolean required, List<String> configKeys, List<String> browserExamKeys) {
        this.required = required;
        this.configKeys = List.copyOf(configKeys);
        this.browserExamKeys = List.copyOf(browserExamKeys);
    }

    public Future<Void> check(RoutingContext ctx) {
        if (!required) {
            return Future.succeededFuture();
        }
        String url = ctx.request().absoluteURI();
        boolean ok = matches(ctx.request().getHeader("X-SafeExamBrowser-ConfigKeyHash"), url, configKeys)
                || matches(ctx.request().getHeader("X-SafeExamBrowser-RequestHash"), url, browserExamKeys);
        return ok ? Future.succeededFuture() : Future.failedFuture(ExamErrors.SEB_REQUIRED.exception());
    }

    static boolean matches(String header, String url, List<String> keys) {
        if (header == null) {
            return false;
        }
        for (String key : keys) {
            if (MessageDigest.isEqual(
                    header.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                    sha256Hex(url + key).getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    static String sha256Hex(String text) {
        try {
            return Hex.toHexString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
