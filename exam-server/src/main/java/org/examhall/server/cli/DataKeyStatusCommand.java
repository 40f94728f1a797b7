package org.examhall.server.cli;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.examhall.server.config.ExamhallConfig;
import org.examhall.server.crypto.DataKeyRing;
import org.examhall.server.crypto.KeyMaterial;
import org.examhall.server.pii.DataKeyCensus;

/**
 * {@code data-key-status}: how many encrypted values each data key still holds, by column; exit 0 once
 * every value is under the current key, so the previous keys can be removed from the configuration.
 */
public final class DataKeyStatusCommand implements Command {

    @Override
    public String name() {
        return "data-key-status";
    }

    @Override
    public String usage() {
        return """
        data-key-status       count the encrypted values under each data key (docs/keys.md); exit code 0
                              when all are under security.dataKey and the previous keys can be retired,
                              1 while some are not, 2 when it could not run
        """;
    }

    @Override
    public int run(String[] args) {
        ExamhallConfig config = new CommandLine(args).config(false);
        DataKeyRing ring = KeyMaterial.from(config.validate()).dataCipher();
        try (ToolContext tool = ToolContext.open(config)) {
            DataKeyCensus census = DataKeyCensus.take(tool.pool, ring).await(10, TimeUnit.MINUTES);
            System.out.println("current data key " + ring.currentKeyId() + ", previous "
                    + (ring.previousKeyIds().isEmpty() ? "none" : String.join(", ", ring.previousKeyIds())));
            for (DataKeyCensus.Count count : census.counts()) {
                System.out.printf(
                        "%-30s %-18s %-10s %d%n",
                        count.column(),
                        count.keyId() == null ? "(no key id)" : count.keyId(),
                        count.standing().name().toLowerCase(Locale.ROOT),
                        count.values());
            }
            long unknown = census.values(DataKeyCensus.Standing.UNKNOWN);
            if (unknown > 0) {
                System.out.println(unknown + " values are under keys this configuration does not hold: they cannot be"
                        + " read until their key is added to security.previousDataKeys");
            }
            long left = census.notCurrent();
            if (left == 0) {
                System.out.println("every value is under the current key: the previous keys can be retired");
                return 0;
            }
            System.out.println(left + " values are not yet under the current key: keep the previous keys configured"
                    + " (a running node with them re-encrypts every security.reencryptIntervalMs)");
            return 1;
        } catch (TimeoutException e) {
            throw new IllegalStateException("the count did not finish in 10 minutes", e);
        }
    }
}
