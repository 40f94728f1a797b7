package org.examhall.proctor.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.examhall.protocol.config.ConfigException;
import org.examhall.protocol.config.SecretFileVariables;

/**
 * Settings that deployments pass as environment variables (containers, the {@code ./examhall} script)
 * rather than editing the YAML. Each variable maps to one path in the configuration tree; an explicit
 * table, because camelCase names do not round-trip through SCREAMING_SNAKE_CASE.
 */
public final class EnvironmentOverrides {

    static final String PREFIX = "EXAMHALL_GATEWAY_";

    private static final Map<String, String[]> PATHS = new LinkedHashMap<>();

    static {
        PATHS.put("SITE", new String[] {"site"});
        PATHS.put("DATA_DIR", new String[] {"dataDir"});
        PATHS.put("TIME_ZONE", new String[] {"timeZone"});
        PATHS.put("DEMO", new String[] {"demo"});
        PATHS.put("ARCHIVE_ROOT", new String[] {"archive", "root"});
        PATHS.put("SEGMENT_SECONDS", new String[] {"archive", "segmentSeconds"});
        PATHS.put("RETENTION_DAYS", new String[] {"archive", "retentionDays"});
        PATHS.put("EXAM_SERVER_URL", new String[] {"examServer", "url"});
        PATHS.put("TOKEN", new String[] {"examServer", "token"});
        PATHS.put("HTTP_PORT", new String[] {"http", "port"});
        PATHS.put("PUBLIC_URL", new String[] {"http", "publicUrl"});
        PATHS.put("SIGNING_PRIVATE_KEY", new String[] {"signing", "privateKey"});
        PATHS.put("SIGNING_PUBLIC_KEY", new String[] {"signing", "publicKey"});
    }

    private EnvironmentOverrides() {}

    /**
     * Writes every known {@code EXAMHALL_GATEWAY_*} variable into the tree; an unknown one is an error, not a typo
     * ignored. Each may instead be given as {@code NAME_FILE}, the path of a file holding the value (a mounted secret:
     * {@link SecretFileVariables}).
     */
    public static void apply(ObjectNode tree, Map<String, String> environment) {
        Map<String, String> resolved = SecretFileVariables.resolve(
                environment, name -> name.startsWith(PREFIX) && PATHS.containsKey(name.substring(PREFIX.length())));
        for (Map.Entry<String, String> e : resolved.entrySet()) {
            if (!e.getKey().startsWith(PREFIX)) {
                continue;
            }
            String[] path = PATHS.get(e.getKey().substring(PREFIX.length()));
            if (path == null) {
                throw new ConfigException("unknown environment variable " + e.getKey() + "; known: "
                        + PATHS.keySet().stream().map(k -> PREFIX + k).toList());
            }
            ObjectNode parent = tree;
            for (int i = 0; i < path.length - 1; i++) {
                JsonNode child = parent.get(path[i]);
                parent = child instanceof ObjectNode o ? o : parent.putObject(path[i]);
            }
            parent.put(path[path.length - 1], e.getValue());
        }
    }
}
