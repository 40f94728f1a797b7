package org.examhall.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker/compose.yaml read as compose reads it (anchors and merge keys resolved): secrets are Docker secrets
 * mounted as files, never environment values; the nodes sit behind nginx only, which is the one proxy they trust
 * and takes bodies as large as they do.
 */
class DockerComposeTest {

    private static final Path DOCKER = CheckoutRoot.path().resolve("docker");
    /** What a variable that holds a secret is called; such a variable must be a {@code _FILE} path instead. */
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|_KEY|TOKEN|SECRET).*");

    private final Map<String, Object> compose = read();
    private final Map<String, Map<String, Object>> services = maps(compose.get("services"));

    private static Map<String, Object> read() {
        try {
            return YamlFiles.read(DOCKER.resolve("compose.yaml"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void noSecretIsAnEnvironmentValueEachIsAMountedSecretFile() {
        Map<String, Map<String, Object>> declared = maps(compose.get("secrets"));
        Set<String> used = new TreeSet<>();
        assertThat(services).containsKeys("postgres", "node1", "node2", "balancer", "gateway");
        services.forEach((name, service) -> {
            List<String> mounted = strings(service.get("secrets"));
            environment(service).forEach((variable, value) -> {
                if (!SECRET_NAME.matcher(variable).matches()) {
                    return;
                }
                assertThat(variable)
                        .as(name + ": a secret as an environment value")
                        .endsWith("_FILE");
                assertThat(value).as(name + " " + variable).startsWith("/run/secrets/");
                String secret = value.substring("/run/secrets/".length());
                assertThat(mounted)
                        .as(name + " mounts the secret " + variable + " names")
                        .contains(secret);
            });
            environment(service)
                    .values()
                    .forEach(value -> assertThat(value)
                            .as(name + ": no value taken from the .env file holds a secret")
                            .doesNotContainPattern("\\$\\{[A-Z_]*(PASSWORD|_KEY|TOKEN)[A-Z_]*[:}]"));
            for (String secret : mounted) {
                assertThat(declared).as(name + " uses the secret " + secret).containsKey(secret);
                used.add(secret);
            }
        });
        assertThat(used).as("every declared secret is mounted somewhere").containsAll(declared.keySet());
        declared.forEach((secret, definition) -> assertThat(String.valueOf(definition.get("file")))
                .as(secret + " from a file under docker/secrets/")
                .isEqualTo("./secrets/" + secret));
    }

    @Test
    void everyVariableOfTheNodesAndTheGatewayIsOneTheProgramReads() {
        Map<String, Set<String>> known = Map.of(
                "node1", KnownSettings.examServer(),
                "node2", KnownSettings.examServer(),
                "gateway", KnownSettings.gateway());
        known.forEach(
                (name, settings) -> assertThat(environment(services.get(name)).keySet())
                        .as(name + ": variables the program does not read")
                        .isNotEmpty()
                        .allMatch(variable -> KnownSettings.accepts(settings, variable)));
    }

    @Test
    void theDeploymentGuideCreatesEverySecretFile() throws IOException {
        String guide = Files.readString(CheckoutRoot.path().resolve("docs/deployment.md"), StandardCharsets.UTF_8);
        for (String secret : maps(compose.get("secrets")).keySet()) {
            assertThat(guide)
                    .as("docs/deployment.md makes docker/secrets/" + secret)
                    .contains("docker/secrets/" + secret);
        }
    }

    @Test
    void theNodesAreReachedOnlyThroughNginxWhichIsTheOneProxyTheyTrust() {
        Map<String, Object> balancer = services.get("balancer");
        String pinned =
                (String) maps(maps(balancer.get("networks")).get("default")).get("ipv4_address");
        assertThat(pinned).isNotBlank();
        for (String node : List.of("node1", "node2")) {
            Map<String, Object> service = services.get(node);
            assertThat(service.get("ports")).as(node + " publishes no port").isNull();
            assertThat(environment(service)).containsEntry("EXAMHALL_HTTP_TRUSTED_PROXIES", pinned);
            assertThat(environment(service)).containsEntry("EXAMHALL_HTTP_SECURE_COOKIES", "true");
        }
        assertThat(strings(balancer.get("volumes")))
                .contains(
                        "./nginx.conf:/etc/nginx/conf.d/default.conf:ro",
                        "./nginx-gateway.conf:/etc/nginx/conf.d/gateway.conf:ro");
        assertThat(strings(balancer.get("secrets"))).contains("tls.crt", "tls.key");
    }

    @Test
    void nginxTakesBodiesAsLargeAsTheNodeAndKeepsMetricsInside() throws IOException {
        String site = Files.readString(DOCKER.resolve("nginx.conf"), StandardCharsets.UTF_8);
        Matcher size = Pattern.compile("client_max_body_size (\\d+)m;").matcher(site);
        assertThat(size.find()).isTrue();
        assertThat(Integer.parseInt(size.group(1))).isEqualTo(ServerLimits.bodyLimitMegabytes());
        assertThat(size.find()).as("one body limit").isFalse();
        assertThat(site).containsPattern("location = /metrics \\{\\s*return 404;");
        assertThat(site).contains("proxy_set_header X-Forwarded-Proto $scheme;");
    }

    @Test
    void everyImageNamesAVersion() {
        services.forEach((name, service) -> assertThat((String) service.get("image"))
                .as(name)
                .matches(".+:[A-Za-z0-9._-]+")
                .doesNotEndWith(":latest"));
    }

    @Test
    void bothDockerfilesCacheTheDependenciesBeforeTheSources() throws IOException {
        for (String dockerfile : List.of("Dockerfile", "gateway.Dockerfile")) {
            List<String> lines = Files.readAllLines(DOCKER.resolve(dockerfile), StandardCharsets.UTF_8);
            int goOffline = indexOf(lines, "dependency:go-offline");
            int firstSource = indexOf(lines, "/src ");
            assertThat(goOffline).as(dockerfile + " resolves the dependencies").isPositive();
            assertThat(firstSource).as(dockerfile + " copies the sources after").isGreaterThan(goOffline);
            assertThat(lines.subList(0, goOffline))
                    .as(dockerfile + ": only poms before the dependencies")
                    .filteredOn(line -> line.startsWith("COPY"))
                    .allMatch(line -> line.contains("pom.xml"));
        }
        assertThat(Files.readAllLines(CheckoutRoot.path().resolve(".dockerignore")))
                .contains("**/target/", "docker/secrets/", ".git/");
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    /** A service's environment, in either of compose's forms (a map, or a list of NAME=value). */
    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> variables = new LinkedHashMap<>();
        Object environment = service.get("environment");
        if (environment instanceof Map<?, ?> map) {
            map.forEach((k, v) -> variables.put(String.valueOf(k), String.valueOf(v)));
        } else if (environment instanceof List<?> list) {
            for (Object entry : list) {
                String[] pair = String.valueOf(entry).split("=", 2);
                variables.put(pair[0], pair.length > 1 ? pair[1] : "");
            }
        }
        return variables;
    }

    @SuppressWarnings("unchecked")
    private static <T> Map<String, T> maps(Object value) {
        return value == null ? Map.of() : (Map<String, T>) value;
    }

    private static List<String> strings(Object value) {
        List<String> list = new ArrayList<>();
        if (value instanceof List<?> items) {
            items.forEach(item -> list.add(String.valueOf(item)));
        }
        return list;
    }
}
