package org.examhall.server.cli;

import java.util.function.Function;
import org.examhall.server.ExamServer;
import org.examhall.server.config.ExamhallConfig;

/** {@code server}: run a node until the process is stopped. */
public final class ServeCommand implements Command {

    @Override
    public String name() {
        return "server";
    }

    @Override
    public String usage() {
        return """
        server                start an exam-server node (production mode: keys and TOTP required)
        """;
    }

    @Override
    public int run(String[] args) {
        return serve(new CommandLine(args).config(false), ExamServer.Seed.NONE, server -> "");
    }

    /**
     * Starts a node with {@code seed}'s data and keeps it until the process is stopped; prints where it
     * is, then what {@code more} has to say about it.
     */
    public static int serve(ExamhallConfig config, ExamServer.Seed seed, Function<ExamServer, String> more) {
        ExamServer server = ExamServer.start(config, seed).await();
        // A stop (Ctrl+C, docker stop, Kubernetes after its preStop drain) drains first, so that no autosave
        // already received is cut off.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.drain();
                            server.stop();
                        },
                        "examhall-shutdown"));
        String base = baseUrl(server);
        System.out.println("\nexamhall is ready (" + (config.demo() ? "demo mode" : "production mode") + ")\n"
                + "  staff sign-in:  " + base + "/\n"
                + "  health:         " + base + "/health\n"
                + "  metrics:        " + base + "/metrics\n"
                + "  API document:   " + base + "/openapi.yaml\n"
                + "  data directory: " + config.dataPath() + '\n'
                + more.apply(server)
                + "\nstop with Ctrl+C; data is kept for the next start.\n");
        return KEEP_RUNNING;
    }

    /** Where staff reach the node from this machine. */
    public static String baseUrl(ExamServer server) {
        return "http://localhost:" + server.httpPort();
    }
}
