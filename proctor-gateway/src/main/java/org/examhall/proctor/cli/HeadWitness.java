package org.examhall.proctor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.examhall.proctor.config.ExamServerSettings;

/**
 * Asks exam-server how far a room's day index had got, as the gateway reported it:
 * {@code GET {url}/api/gateway/archive-heads?camera=ROOM} with the gateway's bearer token.
 */
final class HeadWitness {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /**
     * The seal line exam-server last witnessed, the day the entry it sealed was about (may be null), and every
     * line it witnessed (number → hash, the newest included).
     */
    record Head(long seq, String hash, String day, String at, Map<Long, String> witnessed) {}

    private final ExamServerSettings settings;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    HeadWitness(ExamServerSettings settings) {
        this.settings = settings;
    }

    String url() {
        return settings.url();
    }

    /** @return null when exam-server has witnessed nothing for the room yet */
    Head head(String room) throws IOException, InterruptedException {
        URI uri = URI.create(settings.url().replaceAll("/+$", "") + "/api/gateway/archive-heads?camera="
                + URLEncoder.encode(room, StandardCharsets.UTF_8));
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(uri)
                        .timeout(TIMEOUT)
                        .header("Authorization", "Bearer " + settings.token())
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        if (response.statusCode() == 404
                && "ARCHIVE_HEAD_NOT_FOUND".equals(body.path("code").asText())) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new IOException(
                    "HTTP " + response.statusCode() + " " + body.path("code").asText(""));
        }
        Map<Long, String> witnessed = new LinkedHashMap<>();
        body.path("history")
                .forEach(pair ->
                        witnessed.put(pair.path(0).asLong(), pair.path(1).asText()));
        witnessed.put(body.path("seq").asLong(), body.path("hash").asText());
        return new Head(
                body.path("seq").asLong(),
                body.path("hash").asText(),
                body.path("day").asText(null),
                body.path("at").asText(null),
                witnessed);
    }
}
