package org.examhall.tools.demo;

import org.examhall.server.ExamServer;
import org.examhall.server.cli.Command;
import org.examhall.server.cli.CommandLine;
import org.examhall.server.cli.ServeCommand;

/** {@code demo}: a node in demo mode with the demo's data, run until the process is stopped. */
public final class DemoCommand implements Command {

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String usage() {
        return """
        demo                  build if needed and start the whole system with demo data on the
                              embedded defaults (embedded PostgreSQL under ./data, demo accounts)
        """;
    }

    @Override
    public int run(String[] args) {
        DemoData data = new DemoData();
        return ServeCommand.serve(new CommandLine(args).config(true), data, server -> guide(server, data.exam()));
    }

    /** The demo's accounts and a walk through its exam, printed once the node is ready. */
    private static String guide(ExamServer server, DemoExam.Info exam) {
        String base = ServeCommand.baseUrl(server);
        StringBuilder out = new StringBuilder("\ndemo accounts (demo mode only; no one-time code needed):\n");
        for (DemoStaff.Account a : DemoStaff.ACCOUNTS) {
            out.append(String.format("  %-13s %-22s password: %s%n", a.username(), a.role(), a.password()));
        }
        out.append("\ndemo exam: ")
                .append(exam.title())
                .append(" (session ")
                .append(exam.sessionId())
                .append(", state ")
                .append(exam.state())
                .append(")\n")
                .append("  1. proctor: sign in as proctor1 at ")
                .append(base)
                .append("/ and open the room console (考场监控)\n")
                .append("     to start the exam; sign in as proctor2 in a private window for two-proctor actions\n")
                .append(
                        "  2. candidate: open a terminal link in another browser window, confirm with the ticket number:\n");
        for (DemoExam.Seat seat : exam.seats()) {
            if (seat.enrolCode() != null) {
                out.append(String.format(
                        "     seat %-3d %s  ticket %s  %s/terminal.html?enrol=%s%n",
                        seat.seatNo(), seat.fullName(), seat.ticketNo(), base, seat.enrolCode()));
            }
        }
        for (DemoExam.Seat seat : exam.seats()) {
            if (seat.enrolCode() == null && "REGISTERED".equals(seat.status())) {
                out.append("  3. at the door: ")
                        .append(seat.fullName())
                        .append(" (ID ")
                        .append(seat.idNumber())
                        .append(") waits for check-in at the console's check-in desk\n");
            }
        }
        return out.append("  4. bureau: sign in as admin for the question bank, sessions and results\n")
                .toString();
    }
}
