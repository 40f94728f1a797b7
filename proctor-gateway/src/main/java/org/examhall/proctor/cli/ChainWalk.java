package org.examhall.proctor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.examhall.proctor.archive.SegmentStore;
import org.examhall.proctor.cli.VerificationReport.Kind;
import org.examhall.proctor.manifest.ManifestLine;

/**
 * Walks a hash-chained file (a manifest or a day index) from its genesis: reports lines that do not parse,
 * do not match their hash or do not follow the line before, and hands every line on with whether it passed.
 */
final class ChainWalk {

    /** @param line null when the text is no entry at all */
    interface Visitor {
        void visit(ManifestLine line, String where, boolean intact);
    }

    private ChainWalk() {}

    static void walk(
            SegmentStore store, String key, String name, String genesis, VerificationReport report, Visitor visitor)
            throws IOException {
        List<String> lines;
        try (InputStream in = store.open(key)) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        }
        String expectedPrev = genesis;
        for (int i = 0; i < lines.size(); i++) {
            String where = name + " line " + (i + 1);
            ManifestLine line;
            try {
                line = ManifestLine.parse(lines.get(i));
            } catch (IOException | ClassCastException e) {
                report.problem(Kind.ALTERED, where, "not an entry of this file");
                expectedPrev = null;
                visitor.visit(null, where, false);
                continue;
            }
            boolean intact = line.hashMatches();
            if (!intact) {
                report.problem(Kind.ALTERED, where, "entry does not match its hash");
            }
            if (expectedPrev != null && !expectedPrev.equals(line.prev())) {
                report.problem(
                        Kind.CHAIN_BROKEN,
                        where,
                        "does not follow the entry before it (inserted, removed or reordered)");
                intact = false;
            }
            expectedPrev = line.hash();
            visitor.visit(line, where, intact);
        }
    }
}
