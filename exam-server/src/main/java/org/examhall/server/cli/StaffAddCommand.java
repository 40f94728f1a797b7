package org.examhall.server.cli;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.examhall.server.ExamServer;
import org.examhall.server.audit.Actor;
import org.examhall.server.config.ExamhallConfig;
import org.examhall.server.crypto.KeyMaterial;
import org.examhall.server.http.Role;
import org.examhall.server.staff.StaffProvisioning;

/**
 * {@code staff-add}: how the first bureau administrator comes to exist outside demo mode. The
 * generated password and TOTP secret are printed once to the operator's terminal and never logged.
 */
public final class StaffAddCommand implements Command {

    private static final String PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    @Override
    public String name() {
        return "staff-add";
    }

    @Override
    public String usage() {
        return """
        staff-add             create a staff account (use it for the first bureau administrator):
                                --username NAME --role BUREAU_ADMIN|PROCTOR|INSTITUTION|AUDITOR
                                [--name DISPLAY_NAME]; prints a generated password and TOTP secret once
        """;
    }

    @Override
    public int run(String[] args) {
        CommandLine line = new CommandLine(args);
        ExamhallConfig config = line.config(false);
        String username = line.required("username").toLowerCase(Locale.ROOT);
        Role role = Role.valueOf(line.required("role").toUpperCase(Locale.ROOT));
        String displayName = line.get("name") == null ? username : line.get("name");
        String password = generatedPassword();
        try (ToolContext tool = ToolContext.open(config)) {
            ExamServer.Services services =
                    ExamServer.Services.create(tool.vertx, tool.pool, config, KeyMaterial.from(config.validate()));
            StaffProvisioning.Created created = services.staffProvisioning()
                    .create(
                            username,
                            displayName,
                            role,
                            password,
                            role.requiresSecondFactor(),
                            Actor.system("staff-add"))
                    .await(2, TimeUnit.MINUTES);
            // No node may be running to chain the entry: link it now, so audit-verify sees it at once.
            services.auditChain().flush().await(1, TimeUnit.MINUTES);
            System.out.println("created " + role + " account '" + created.username() + "' (id " + created.id() + ")");
            System.out.println("  initial password: " + password);
            if (created.totpSecret() != null) {
                System.out.println("  TOTP secret:      " + created.totpSecret());
                System.out.println("  enrol URI:        " + created.toJson().getString("otpauthUri"));
            }
            System.out.println("hand these over in person; they are not shown again.");
            return 0;
        } catch (TimeoutException e) {
            throw new IllegalStateException("account creation timed out", e);
        }
    }

    private static String generatedPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            out.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        // Guarantee the letters-and-digits rule regardless of the draw.
        return out.append(random.nextInt(10)).append('a').toString();
    }
}
