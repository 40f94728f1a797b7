package org.examhall.server.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.examhall.server.audit.AuditAnchors;
import org.examhall.server.audit.AuditChainVerifier;
import org.examhall.server.config.ExamhallConfig;

/** {@code audit-verify}: recompute the whole chain; exit 0 when intact, 1 at the first broken entry. */
public final class AuditVerifyCommand implements Command {

    @Override
    public String name() {
        return "audit-verify";
    }

    @Override
    public String usage() {
        return """
        audit-verify          recompute the audit hash chain and report the first broken entry
                              (exit code 0 when intact, 1 when broken, 2 when it could not run)
        """;
    }

    @Override
    public int run(String[] args) {
        ExamhallConfig config = new CommandLine(args).config(false);
        try (ToolContext tool = ToolContext.open(config)) {
            AuditAnchors anchors = new AuditAnchors(config.auditAnchorPath());
            List<AuditAnchors.Anchor> witnesses = anchors.all();
            if (witnesses.isEmpty()) {
                System.out.println("no anchor file at " + anchors.file() + ": the newest entries cannot be checked");
            } else {
                AuditAnchors.Anchor newest = witnesses.get(witnesses.size() - 1);
                System.out.println("head witnessed outside the database: entry " + newest.seq() + " at " + newest.at()
                        + " (" + anchors.file() + "), with " + (witnesses.size() - 1) + " earlier witnesses");
            }
            AuditChainVerifier.Result result =
                    new AuditChainVerifier(tool.pool).verify(witnesses).await(10, TimeUnit.MINUTES);
            long pending = tool.pool
                    .query("SELECT count(*) FROM audit_pending")
                    .execute()
                    .await(1, TimeUnit.MINUTES)
                    .iterator()
                    .next()
                    .getLong(0);
            String waiting = pending == 0
                    ? ""
                    : "; " + pending + " newer entries are not chained yet (a running node chains them)";
            if (result.ok()) {
                System.out.println("audit chain intact: " + result.checked() + " entries verified (SM3)" + waiting);
                return 0;
            }
            System.out.println("audit chain BROKEN at entry " + result.brokenSeq() + ": " + result.reason() + " ("
                    + result.checked() + " entries before it verified)");
            return 1;
        } catch (IOException e) {
            throw new UncheckedIOException("the anchor file cannot be read", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("verification did not finish in 10 minutes", e);
        }
    }
}
