package org.examhall.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The alert rules a province loads into Prometheus, and their promtool unit tests, as this module ships them. */
final class PrometheusRules {

    static final Path DIRECTORY = Path.of("prometheus");
    static final String RULES = "examhall-alerts.yml";
    static final String TESTS = "examhall-alerts.test.yml";
    static final String CONFIG = "prometheus.yml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One alerting rule; {@code forDuration} is empty when the rule fires at its first evaluation. */
    record Alert(String name, String expr, String forDuration) {}

    /** One expectation of a unit test: at {@code evalTime}, {@code alert} fires ({@code fires}) or not. */
    record Expectation(String testName, String alert, String evalTime, boolean fires) {}

    private PrometheusRules() {}

    static List<Alert> alerts() throws IOException {
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode group : read(RULES).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("alert")) {
                    alerts.add(new Alert(
                            rule.path("alert").asText(),
                            rule.path("expr").asText(),
                            rule.path("for").asText("")));
                }
            }
        }
        return alerts;
    }

    static List<Expectation> expectations() throws IOException {
        List<Expectation> expectations = new ArrayList<>();
        for (JsonNode test : read(TESTS).path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                expectations.add(new Expectation(
                        test.path("name").asText(),
                        check.path("alertname").asText(),
                        check.path("eval_time").asText(),
                        !check.path("exp_alerts").isEmpty()));
            }
        }
        return expectations;
    }

    private static JsonNode read(String file) throws IOException {
        return YAML.readTree(DIRECTORY.resolve(file).toFile());
    }
}
