package org.examhall.server.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.examhall.protocol.config.ConfigException;
import org.examhall.protocol.config.SecretFileVariables;

/**
 * Applies {@code EXAMHALL_*} environment variables on top of the YAML file. The table below is the
 * whole list; docs/configuration.md lists the same names (by hand: keep the two in step). Each of them
 * may instead be given as {@code NAME_FILE}, the path of a file holding the value (a mounted secret:
 * {@link SecretFileVariables}).
 */
public final class EnvironmentOverrides {

    private static final Map<String, BiConsumer<ExamhallConfig, String>> OVERRIDES = new LinkedHashMap<>();

    static {
        OVERRIDES.put("EXAMHALL_MODE", (c, v) -> c.mode = mode(v));
        OVERRIDES.put("EXAMHALL_DATA_DIR", (c, v) -> c.dataDir = v);
        OVERRIDES.put("EXAMHALL_DEMO_GATEWAY_URL", (c, v) -> c.demoGatewayUrl = v);
        OVERRIDES.put("EXAMHALL_SITE_TIME_ZONE", (c, v) -> c.site.timeZone = v.trim());
        OVERRIDES.put("EXAMHALL_HTTP_HOST", (c, v) -> c.http.host = v);
        OVERRIDES.put("EXAMHALL_HTTP_PORT", (c, v) -> c.http.port = parse(v, Integer::parseInt, "EXAMHALL_HTTP_PORT"));
        OVERRIDES.put(
                "EXAMHALL_HTTP_BODY_LIMIT",
                (c, v) -> c.http.bodyLimitBytes = parse(v, Long::parseLong, "EXAMHALL_HTTP_BODY_LIMIT"));
        OVERRIDES.put(
                "EXAMHALL_HTTP_MAX_CONNECTIONS",
                (c, v) -> c.http.maxConnections = parse(v, Integer::parseInt, "EXAMHALL_HTTP_MAX_CONNECTIONS"));
        OVERRIDES.put(
                "EXAMHALL_HTTP_DRAIN_SECONDS",
                (c, v) -> c.http.drainSeconds = parse(v, Integer::parseInt, "EXAMHALL_HTTP_DRAIN_SECONDS"));
        OVERRIDES.put("EXAMHALL_METRICS_TOKEN", (c, v) -> c.http.metricsToken = v);
        OVERRIDES.put("EXAMHALL_HTTP_TRUSTED_PROXIES", (c, v) -> c.http.trustedProxies = list(v));
        OVERRIDES.put(
                "EXAMHALL_HTTP_SECURE_COOKIES",
                (c, v) -> c.http.secureCookies = bool(v, "EXAMHALL_HTTP_SECURE_COOKIES"));
        OVERRIDES.put("EXAMHALL_DB_URL", (c, v) -> c.database.url = v);
        OVERRIDES.put("EXAMHALL_DB_USER", (c, v) -> c.database.user = v);
        OVERRIDES.put("EXAMHALL_DB_PASSWORD", (c, v) -> c.database.password = v);
        OVERRIDES.put(
                "EXAMHALL_DB_POOL_SIZE",
                (c, v) -> c.database.poolSize = parse(v, Integer::parseInt, "EXAMHALL_DB_POOL_SIZE"));
        OVERRIDES.put(
                "EXAMHALL_DB_EMBEDDED_PORT",
                (c, v) -> c.database.embedded.port = parse(v, Integer::parseInt, "EXAMHALL_DB_EMBEDDED_PORT"));
        OVERRIDES.put("EXAMHALL_CLUSTER_NAME", (c, v) -> c.cluster.name = v);
        OVERRIDES.put("EXAMHALL_CLUSTER_HOST", (c, v) -> c.cluster.host = v);
        OVERRIDES.put(
                "EXAMHALL_CLUSTER_PORT",
                (c, v) -> c.cluster.port = parse(v, Integer::parseInt, "EXAMHALL_CLUSTER_PORT"));
        OVERRIDES.put("EXAMHALL_CLUSTER_MEMBERS", (c, v) -> c.cluster.members = list(v));
        OVERRIDES.put("EXAMHALL_CLUSTER_KUBERNETES_SERVICE_DNS", (c, v) -> c.cluster.kubernetes.serviceDns = v);
        OVERRIDES.put("EXAMHALL_DATA_KEY", (c, v) -> c.security.dataKey = v);
        OVERRIDES.put(
                "EXAMHALL_PREVIOUS_DATA_KEYS",
                (c, v) -> c.security.previousDataKeys = Arrays.stream(v.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList());
        OVERRIDES.put("EXAMHALL_AUDIT_ANCHOR_FILE", (c, v) -> c.security.auditAnchorFile = v);
        OVERRIDES.put("EXAMHALL_INDEX_KEY", (c, v) -> c.security.indexKey = v);
        OVERRIDES.put("EXAMHALL_PROVINCE_URL", (c, v) -> c.province.platformUrl = v);
        OVERRIDES.put("EXAMHALL_PROVINCE_BUREAU_ID", (c, v) -> c.province.bureauId = v);
        OVERRIDES.put("EXAMHALL_PROVINCE_BUREAU_KEY_FILE", (c, v) -> c.province.bureauKeyFile = v);
        OVERRIDES.put("EXAMHALL_PROVINCE_BUREAU_PUBLIC_KEY_FILE", (c, v) -> c.province.bureauPublicKeyFile = v);
        OVERRIDES.put("EXAMHALL_PROVINCE_PLATFORM_KEY_FILE", (c, v) -> c.province.platformPublicKeyFile = v);
    }

    private EnvironmentOverrides() {}

    public static Iterable<String> names() {
        return OVERRIDES.keySet();
    }

    public static void apply(ExamhallConfig config, Map<String, String> environment) {
        Map<String, String> resolved = SecretFileVariables.resolve(environment, OVERRIDES::containsKey);
        OVERRIDES.forEach((name, setter) -> {
            String value = resolved.get(name);
            if (value != null && !value.isEmpty()) {
                setter.accept(config, value);
            }
        });
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static boolean bool(String value, String name) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(name + " must be true or false, got: " + value);
        };
    }

    private static ExamhallConfig.Mode mode(String value) {
        try {
            return ExamhallConfig.Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("EXAMHALL_MODE must be production or demo, got: " + value, e);
        }
    }

    private static <T> T parse(String value, Function<String, T> parser, String name) {
        try {
            return parser.apply(value.trim());
        } catch (RuntimeException e) {
            throw new ConfigException(name + " is not a valid number: " + value, e);
        }
    }
}
