package org.examhall.server.papers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.examhall.bank.assembly.Paper;

/**
 * Papers this node drew and has not scored yet, keyed by a digest of the JSON that was stored.
 *
 * <p>Scoring a hand-in used to read the stored paper back (a JSON tree of every question, then the
 * bank's own reader): in a submit storm of 10,000 that was about a third of the node's CPU, for
 * papers the node had built in memory minutes before. A hand-in whose stored JSON has the digest
 * of a paper drawn here is scored from that paper; any other (drawn by another node, before a
 * restart, or changed since) is read from its JSON as before, so the result never depends on
 * whether the memo had it. The digest is only an identity check on our own data, not a security
 * measure; SHA-256 runs on the CPU's instructions, several times faster than reading the paper.
 */
final class DrawnPapers {

    /** About 6 KB each (items point at the bank's shared questions): a bound for a node's busiest day. */
    static final int MAX_PAPERS = 50_000;

    private final Map<String, Paper> byDigest = new ConcurrentHashMap<>();

    void remember(String storedJson, Paper paper) {
        if (byDigest.size() >= MAX_PAPERS) {
            // Drawn but never handed in (absent candidates, papers rolled back): start afresh.
            byDigest.clear();
        }
        byDigest.put(digest(storedJson), paper);
    }

    /** The paper drawn here whose stored JSON is exactly {@code storedJson}, forgotten as it is returned. */
    Optional<Paper> take(String storedJson) {
        return Optional.ofNullable(byDigest.remove(digest(storedJson)));
    }

    int size() {
        return byDigest.size();
    }

    private static String digest(String json) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
