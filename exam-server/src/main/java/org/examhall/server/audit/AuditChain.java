package org.examhall.server.audit;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.util.encoders.Hex;
import org.examhall.protocol.crypto.Sm3;

/** The chaining rule, kept pure so the writer and the verifier cannot disagree: hash = SM3(prev ‖ canonical). */
public final class AuditChain {

    /** The previous hash of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {}

    public static String hash(String previousHash, AuditEntry entry, long seq) {
        return Sm3.hex(Hex.decode(previousHash), entry.canonical(seq).getBytes(StandardCharsets.UTF_8));
    }
}
