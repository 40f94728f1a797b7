package org.examhall.server;

import org.examhall.server.cli.AuditVerifyCommand;
import org.examhall.server.cli.ServeCommand;
import org.examhall.server.cli.StaffAddCommand;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.util.Arrays;

/** Entry point of {@code ./examhall}: one sub-command per job. */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    String command = args.length == 0 ? "help" : args[0];
    String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    int code;
    try {
      code = switch (command) {
        case "server" -> ServeCommand.run(rest, false);
        case "demo" -> ServeCommand.run(rest, true);
        case "audit-verify" -> AuditVerifyCommand.run(rest);
        case "staff-add" -> StaffAddCommand.run(rest);
        case "province-sim" -> org.examhall.server.provincesim.ProvinceSimCommand.run(rest);
        case "help", "--help", "-h" -> help();
        default -> {
          System.err.println("unknown command: " + command);
          help();
          yield 2;
        }
      };
    } catch (RuntimeException e) {
      // 2, not 1: audit-verify uses 1 for "chain broken", and monitoring must tell the two apart.
      System.err.println("examhall " + command + " failed: " + e.getMessage());
      code = 2;
    }
    if (code != ServeCommand.KEEP_RUNNING) {
      System.exit(code);
    }
  }

  private static int help() {
    System.out.println("""
        examhall — computer-based exam system for safety-production certification

        usage: ./examhall <command> [options]

          demo                  build if needed and start the whole system with demo data on the
                                embedded defaults (embedded PostgreSQL under ./data, demo accounts)
          server                start an exam-server node (production mode: keys and TOTP required)
          staff-add             create a staff account (use it for the first bureau administrator):
                                  --username NAME --role BUREAU_ADMIN|PROCTOR|INSTITUTION|AUDITOR
                                  [--name DISPLAY_NAME]; prints a generated password and TOTP secret once
          audit-verify          recompute the audit hash chain and report the first broken entry
                                (exit code 0 when intact, 1 when broken, 2 when it could not run)
          province-sim          run the provincial exam platform simulator (receives signed result packages,
                                serves registrations; page at http://localhost:8099/):
                                  [--port 8099] [--data ./data/province-sim] [--bureau-key PEM[,PEM]]
          help                  this text

        common options:
          --config FILE         YAML configuration (default ./examhall.yaml if present, or $EXAMHALL_CONFIG)
        environment overrides: EXAMHALL_HTTP_PORT, EXAMHALL_DB_URL, EXAMHALL_DATA_DIR, ... (see docs/configuration.md)
        """);
    return 0;
  }
}
