package org.examhall.server.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.examhall.server.config.ConfigLoader;
import org.examhall.server.config.ExamhallConfig;

/** {@code --name value} options of the sub-commands, and the configuration they all read. */
public final class CommandLine {

    private final Map<String, String> options = new HashMap<>();

    public CommandLine(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got: " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
    }

    String get(String name) {
        return options.get(name);
    }

    String required(String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    /** The configuration from {@code --config} (or its defaults) and the environment; {@code demo} forces demo mode. */
    public ExamhallConfig config(boolean demo) {
        String file = options.get("config");
        ExamhallConfig config = ConfigLoader.load(file == null ? null : Path.of(file), System.getenv());
        if (demo) {
            config.mode = ExamhallConfig.Mode.DEMO;
        }
        return config;
    }
}
