package org.examhall.server.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Entry point of {@code ./examhall}: one sub-command per job, those of the jar it runs in. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        Map<String, Command> commands = new LinkedHashMap<>();
        ServiceLoader.load(Command.class).forEach(command -> commands.put(command.name(), command));
        String name = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        Command command = commands.get(name);
        int code;
        try {
            if (command != null) {
                code = command.run(rest);
            } else if (name.equals("help") || name.equals("--help") || name.equals("-h")) {
                code = help(commands);
            } else {
                System.err.println("unknown command: " + name);
                help(commands);
                code = 2;
            }
        } catch (RuntimeException e) {
            // 2, not 1: audit-verify uses 1 for "chain broken", and monitoring must tell the two apart.
            System.err.println("examhall " + name + " failed: " + e.getMessage());
            code = 2;
        }
        if (code != Command.KEEP_RUNNING) {
            System.exit(code);
        }
    }

    private static int help(Map<String, Command> commands) {
        StringBuilder usage = new StringBuilder();
        commands.values()
                .forEach(command -> usage.append(command.usage().stripTrailing().indent(2)));
        System.out.print("""
        examhall — computer-based exam system for safety-production certification

        usage: ./examhall <command> [options]

        """ + usage + """
          help                  this text

        common options:
          --config FILE         YAML configuration (default ./examhall.yaml if present, or $EXAMHALL_CONFIG)
        environment overrides: EXAMHALL_HTTP_PORT, EXAMHALL_DB_URL, EXAMHALL_DATA_DIR, ... (see docs/configuration.md)

        """);
        return 0;
    }
}
