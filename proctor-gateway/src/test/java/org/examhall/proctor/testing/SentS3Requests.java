package org.examhall.proctor.testing;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Every HTTP request an S3 client of the test JVM sends, as it goes on the wire (after signing). Registered for
 * all SDK clients by the SDK's own class-path list ({@code software/amazon/awssdk/global/handlers/
 * execution.interceptors} in the test resources), so the gateway's client is seen unchanged. s3proxy ignores
 * Object Lock, so what the gateway asks of a real store is read here.
 */
public final class SentS3Requests implements ExecutionInterceptor {

    /** One request: method, path (bucket and key) and headers (names in lower case). */
    public record Sent(String method, String path, Map<String, List<String>> headers) {

        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public boolean query(String parameter) {
            return path.contains("?" + parameter) || path.contains("&" + parameter);
        }
    }

    private static final List<Sent> SENT = new CopyOnWriteArrayList<>();

    public static List<Sent> all() {
        return List.copyOf(SENT);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        SdkHttpRequest request = context.httpRequest();
        StringBuilder path = new StringBuilder(request.encodedPath());
        String separator = "?";
        for (String parameter : request.rawQueryParameters().keySet()) {
            path.append(separator).append(parameter);
            separator = "&";
        }
        Map<String, List<String>> headers = new TreeMap<>();
        request.headers().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        SENT.add(new Sent(request.method().name(), path.toString(), headers));
    }
}
