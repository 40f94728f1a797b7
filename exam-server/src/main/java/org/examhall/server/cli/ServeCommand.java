package org.examhall.server.cli;

import org.examhall.server.ExamServer;
import org.examhall.server.config.ExamhallConfig;
import org.examhall.server.demo.DemoStaff;


/** {@code server} and {@code demo}: run a node until the process is stopped. */
public final class ServeCommand {

  /** Returned when the node runs on after {@code main} returns. */
  public static final int KEEP_RUNNING = -1;

  private ServeCommand() {
  }

  public static int run(String[] args, boolean demo) {
    ExamhallConfig config = new CommandLine(args).config(demo);
    ExamServer server = ExamServer.start(config).await();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "examhall-shutdown"));
    printReady(server, config);
    return KEEP_RUNNING;
  }

  private static void printReady(ExamServer server, ExamhallConfig config) {
    String base = "http://localhost:" + server.httpPort();
    StringBuilder out = new StringBuilder()
        .append("\nexamhall is ready (").append(config.demo() ? "demo mode" : "production mode").append(")\n")
        .append("  staff sign-in:  ").append(base).append("/\n")
        .append("  health:         ").append(base).append("/health\n")
        .append("  metrics:        ").append(base).append("/metrics\n")
        .append("  API document:   ").append(base).append("/openapi.yaml\n")
        .append("  data directory: ").append(config.dataPath()).append('\n');
    if (config.demo()) {
      out.append("\ndemo accounts (demo mode only; no one-time code needed):\n");
      for (DemoStaff.Account a : DemoStaff.ACCOUNTS) {
        out.append(String.format("  %-13s %-22s password: %s%n", a.username(), a.role(), a.password()));
      }
    }
    out.append("\nstop with Ctrl+C; data is kept for the next start.\n");
    System.out.println(out);
  }
}
