package org.examhall.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.examhall.server.audit.AuditChainVerifier;
import org.examhall.server.staff.StaffProvisioning;
import org.examhall.server.testing.ApiClient;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.Photos;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walks every operation in the served /openapi.yaml and sends it malformed input: bodies of the
 * wrong JSON shape, every field of the wrong type, huge strings, negative and huge numbers, bad
 * UTF-8, no JSON at all, the wrong content type, and path ids that do not exist or are not numbers;
 * each as nobody, as every staff role, as a terminal and as a gateway. Every answer must be a 4xx
 * in the documented error format (never a 5xx, never a stack trace), and afterwards the tables and
 * the audit chain are exactly as they were: bad input changes nothing.
 */
class RouteFuzzTest {

    /**
     * Routes a caller cannot fuzz without ending its own test: the sign-out, the drain (the fuzzer calls from
     * loopback, whence it is allowed), and WebSocket upgrades.
     */
    private static final Set<String> SKIPPED =
            Set.of("POST /api/auth/logout", "POST /drain", "GET /api/sessions/{id}/live", "GET /api/events");

    private static final String HUGE = "界".repeat(200_000);

    private static TestServer node;
    private static final Map<String, ApiClient> CALLERS = new LinkedHashMap<>();

    @BeforeAll
    static void startNodeWithSomeOfEverything() {
        // With the bureau's keys, so that routes that sign (tickets, archives) answer for their input, not for a
        // missing key.
        node = TestServer.start(TestServer::withBureauKeys);
        TestServer.seedDemoBank(node.server());
        ExamRoom room = ExamRoom.create(node, 25);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        room.addCandidate(sessionId, "模糊测试", Photos.person(181, 0));
        CALLERS.put("nobody", node.client());
        for (Role role : Role.values()) {
            String name =
                    TestServer.uniqueName("fuzz-" + role.name().toLowerCase().replace('_', '-'));
            StaffProvisioning.Created account = node.createStaff(name, "fuzz-pass-1234", role);
            CALLERS.put(role.name(), node.client().signedIn(name, "fuzz-pass-1234", account.totpSecret()));
        }
        CALLERS.put("TERMINAL", room.terminalClient(1));
        CALLERS.put(
                "GATEWAY",
                node.client()
                        .withHeader(
                                "Authorization",
                                "Bearer " + room.registerGateway().getString("token")));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private record Attempt(HttpMethod method, String path, String contentType, Buffer body, String label) {}

    @Test
    void malformedInputGetsA4xxInTheErrorFormatAndChangesNothing() {
        OpenAPI api = openApi();
        node.chainAudit();
        Map<String, Long> before = tableCounts();

        List<String> problems = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int sent = 0;
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> operation :
                    path.getValue().readOperationsMap().entrySet()) {
                String key = operation.getKey() + " " + path.getKey();
                if (SKIPPED.contains(key)) {
                    continue;
                }
                for (Attempt attempt :
                        attempts(HttpMethod.valueOf(operation.getKey().name()), path.getKey(), operation.getValue())) {
                    for (Map.Entry<String, ApiClient> caller : CALLERS.entrySet()) {
                        HttpResponse<Buffer> response = caller.getValue()
                                .sendRaw(attempt.method(), attempt.path(), attempt.contentType(), attempt.body());
                        sent++;
                        statuses.merge(response.statusCode(), 1, Integer::sum);
                        String problem = judge(attempt.method(), response);
                        if (problem != null) {
                            problems.add(key + " [" + attempt.label() + "] as " + caller.getKey() + ": " + problem);
                        }
                    }
                }
            }
        }
        System.out.println("route fuzz: " + sent + " requests, answers by status " + statuses);

        assertThat(problems)
                .as("answers that were not a 4xx in the error format")
                .isEmpty();
        node.chainAudit();
        assertThat(tableCounts()).as("rows per table after the fuzz").isEqualTo(before);
        assertThat(TestServer.await(new AuditChainVerifier(node.server().pool()).verify())
                        .ok())
                .isTrue();
    }

    /**
     * Null when the answer is right: a 4xx in the documented format, or for a read (which ignores
     * query parameters it does not know) any answer but a 5xx. Otherwise what is wrong with it.
     */
    private static String judge(HttpMethod method, HttpResponse<Buffer> response) {
        String text = response.bodyAsString() == null ? "" : response.bodyAsString();
        boolean read = method == HttpMethod.GET;
        if (response.statusCode() >= 500 || response.statusCode() < 400 && !read) {
            return "HTTP " + response.statusCode() + " " + abbreviate(text);
        }
        if (response.statusCode() < 400) {
            return null;
        }
        if (text.contains("Exception") || text.contains("\tat ")) {
            return "a stack trace: " + abbreviate(text);
        }
        try {
            JsonObject body = new JsonObject(text);
            JsonObject message = body.getJsonObject("message");
            if (body.getString("code") == null
                    || message == null
                    || message.getString("zh") == null
                    || message.getString("en") == null
                    || body.getString("requestId") == null) {
                return "not the error format: " + abbreviate(text);
            }
        } catch (RuntimeException e) {
            return "not JSON: " + abbreviate(text);
        }
        return null;
    }

    private static String abbreviate(String text) {
        String line = text.replace('\n', ' ');
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }

    private static List<Attempt> attempts(HttpMethod method, String template, Operation operation) {
        List<String> paths = template.contains("{")
                ? List.of(
                        template.replaceAll("\\{[^}]+}", "999999999"),
                        template.replaceAll("\\{[^}]+}", "-1"),
                        template.replaceAll("\\{[^}]+}", "abc"),
                        template.replaceAll("\\{[^}]+}", "99999999999999999999"))
                : List.of(template);
        List<Attempt> out = new ArrayList<>();
        boolean withBody = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
        for (String path : paths) {
            if (!withBody) {
                out.add(new Attempt(
                        method,
                        path + (template.contains("{") ? "" : "?page=-1&size=abc&from=yesterday&limit=1e99"),
                        null,
                        null,
                        "query"));
                continue;
            }
            if (!path.equals(template)) {
                out.add(new Attempt(method, path, "application/json", Buffer.buffer("{}"), "id " + path));
                continue;
            }
            out.add(new Attempt(method, path, "application/json", Buffer.buffer("{\"a\":"), "broken JSON"));
            out.add(new Attempt(method, path, "application/json", Buffer.buffer("[1,2]"), "an array"));
            out.add(new Attempt(method, path, "application/json", Buffer.buffer("null"), "null"));
            out.add(new Attempt(method, path, "text/plain", Buffer.buffer("{}"), "text/plain"));
            out.add(new Attempt(
                    method,
                    path,
                    "application/json",
                    Buffer.buffer(
                            new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'}),
                    "bad UTF-8"));
            Schema<?> schema = bodySchema(operation);
            if (schema != null
                    && schema.getProperties() != null
                    && !schema.getProperties().isEmpty()) {
                out.add(new Attempt(
                        method, path, "application/json", fill(schema, RouteFuzzTest::wrongType), "wrong types"));
                out.add(new Attempt(method, path, "application/json", fill(schema, s -> HUGE), "huge strings"));
                out.add(new Attempt(method, path, "application/json", fill(schema, s -> -1), "negative"));
                out.add(new Attempt(method, path, "application/json", fill(schema, s -> 1e308), "huge numbers"));
                if (schema.getRequired() != null && !schema.getRequired().isEmpty()) {
                    out.add(new Attempt(
                            method, path, "application/json", Buffer.buffer("{}"), "required fields missing"));
                }
            }
        }
        return out;
    }

    private static Buffer fill(Schema<?> schema, Function<Schema<?>, Object> value) {
        JsonObject body = new JsonObject();
        schema.getProperties().forEach((name, property) -> body.put(name, value.apply(property)));
        return body.toBuffer();
    }

    /** A value of another JSON type than the property wants. */
    private static Object wrongType(Schema<?> property) {
        String type = property.getType() == null
                        && property.getTypes() != null
                        && !property.getTypes().isEmpty()
                ? property.getTypes().iterator().next()
                : property.getType();
        if (type == null) {
            return new JsonArray().add(new JsonObject());
        }
        return switch (type) {
            case "string" -> 12345;
            case "integer", "number" -> "not-a-number";
            case "boolean" -> "yes";
            case "array" -> "not-a-list";
            default -> 7;
        };
    }

    private static Schema<?> bodySchema(Operation operation) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return null;
        }
        MediaType json = operation.getRequestBody().getContent().get("application/json");
        return json == null ? null : json.getSchema();
    }

    private static OpenAPI openApi() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        OpenAPI api = new OpenAPIV3Parser()
                .readContents(node.client().get("/openapi.yaml").bodyAsString(), null, options)
                .getOpenAPI();
        assertThat(api).isNotNull();
        return api;
    }

    private static Map<String, Long> tableCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (Row table : TestServer.await(node.server()
                .pool()
                .query(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
                                + " AND table_name <> 'flyway_schema_history'")
                .execute())) {
            String name = table.getString("table_name");
            counts.put(
                    name,
                    TestServer.await(node.server()
                                    .pool()
                                    .query("SELECT count(*) AS n FROM \"" + name + "\"")
                                    .execute())
                            .iterator()
                            .next()
                            .getLong("n"));
        }
        return counts;
    }
}
