package org.examhall.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The operator's Grafana dashboard as this module ships it. */
final class GrafanaDashboard {

    static final Path FILE = Path.of("grafana", "examhall-dashboard.json");

    /** One query of one panel. */
    record Query(String panel, String expr) {}

    private GrafanaDashboard() {}

    static JsonNode read() throws IOException {
        return new ObjectMapper().readTree(FILE.toFile());
    }

    static List<Query> queries() throws IOException {
        List<Query> queries = new ArrayList<>();
        for (JsonNode panel : read().path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query(
                        panel.path("title").asText(), target.path("expr").asText()));
            }
        }
        return queries;
    }
}
