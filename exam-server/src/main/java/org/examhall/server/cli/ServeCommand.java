package org.examhall.server.cli;

import org.examhall.server.ExamServer;
import org.examhall.server.config.ExamhallConfig;
import org.examhall.server.demo.DemoExam;
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
    if (server.demoExam() != null) {
      DemoExam.Info exam = server.demoExam();
      out.append("\ndemo exam: ").append(exam.title()).append(" (session ").append(exam.sessionId())
          .append(", state ").append(exam.state()).append(")\n")
          .append("  1. proctor: sign in as proctor1 at ").append(base).append("/ and open the room console (考场监控)\n")
          .append("     to start the exam; sign in as proctor2 in a private window for two-proctor actions\n")
          .append("  2. candidate: open a terminal link in another browser window, confirm with the ticket number:\n");
      for (DemoExam.Seat seat : exam.seats()) {
        if (seat.enrolCode() != null) {
          out.append(String.format("     seat %-3d %s  ticket %s  %s/terminal.html?enrol=%s%n", seat.seatNo(), seat.fullName(),
              seat.ticketNo(), base, seat.enrolCode()));
        }
      }
      for (DemoExam.Seat seat : exam.seats()) {
        if (seat.enrolCode() == null && "REGISTERED".equals(seat.status())) {
          out.append("  3. at the door: ").append(seat.fullName()).append(" (ID ").append(seat.idNumber())
              .append(") waits for check-in at the console's check-in desk\n");
        }
      }
      out.append("  4. bureau: sign in as admin for the question bank, sessions and results\n");
    }
    out.append("\nstop with Ctrl+C; data is kept for the next start.\n");
    System.out.println(out);
  }
}
