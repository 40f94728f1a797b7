package org.examhall.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's dashboard loads into any Grafana with any Prometheus data source: every panel has a query, every
 * query goes to the data source variable, ids are unique, panels do not overlap, and Prometheus parses every query.
 */
class GrafanaDashboardTest {

    private static final String DATASOURCE = "${datasource}";

    @Test
    void theDashboardHasAUidAndADataSourceVariable() throws Exception {
        JsonNode dashboard = GrafanaDashboard.read();
        assertThat(dashboard.path("uid").asText()).matches("[a-zA-Z0-9_-]{1,40}");
        assertThat(dashboard.path("title").asText()).isNotBlank();
        assertThat(dashboard.path("templating").path("list"))
                .as("a data source variable named datasource, of Prometheus data sources")
                .anyMatch(v -> v.path("name").asText().equals("datasource")
                        && v.path("type").asText().equals("datasource")
                        && v.path("query").asText().equals("prometheus"));
    }

    @Test
    void everyPanelQueriesTheDataSourceVariable() throws Exception {
        JsonNode panels = GrafanaDashboard.read().path("panels");
        assertThat(panels).isNotEmpty();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : panels) {
            String title = panel.path("title").asText();
            assertThat(title).isNotBlank();
            assertThat(ids.add(panel.path("id").asInt(-1)))
                    .as("panel id %s of %s is unique", panel.path("id"), title)
                    .isTrue();
            assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo(DATASOURCE);
            assertThat(panel.path("targets")).as(title + " has a query").isNotEmpty();
            Set<String> refIds = new HashSet<>();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("expr").asText()).as(title).isNotBlank();
                assertThat(target.path("datasource").path("uid").asText())
                        .as(title)
                        .isEqualTo(DATASOURCE);
                assertThat(refIds.add(target.path("refId").asText()))
                        .as(title + " refIds unique")
                        .isTrue();
            }
        }
    }

    @Test
    void panelsDoNotOverlap() throws Exception {
        List<JsonNode> panels = new ArrayList<>();
        GrafanaDashboard.read().path("panels").forEach(panels::add);
        assertThat(panels).isNotEmpty();
        for (int i = 0; i < panels.size(); i++) {
            for (int j = i + 1; j < panels.size(); j++) {
                assertThat(overlap(panels.get(i).path("gridPos"), panels.get(j).path("gridPos")))
                        .as(panels.get(i).path("title").asText() + " and "
                                + panels.get(j).path("title").asText())
                        .isFalse();
            }
        }
    }

    @Test
    void prometheusParsesEveryQuery(@TempDir Path dir) throws Exception {
        // promtool parses the PromQL of rules: each query becomes a recording rule of a scratch file.
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        int n = 0;
        for (GrafanaDashboard.Query query : GrafanaDashboard.queries()) {
            rules.append("      - record: dashboard:query")
                    .append(++n)
                    .append("\n        expr: '")
                    .append(query.expr().replace("'", "''").replace("\n", " "))
                    .append("'\n");
        }
        Files.writeString(dir.resolve("dashboard-queries.yml"), rules);
        Promtool.Result result = Promtool.run(dir, "check", "rules", "dashboard-queries.yml");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: " + n + " rules found");
    }

    private static boolean overlap(JsonNode a, JsonNode b) {
        return a.path("x").asInt() < b.path("x").asInt() + b.path("w").asInt()
                && b.path("x").asInt() < a.path("x").asInt() + a.path("w").asInt()
                && a.path("y").asInt() < b.path("y").asInt() + b.path("h").asInt()
                && b.path("y").asInt() < a.path("y").asInt() + a.path("h").asInt();
    }
}
