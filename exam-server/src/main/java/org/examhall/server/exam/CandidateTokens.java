package org.examhall.server.exam;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.bouncycastle.util.encoders.Hex;
import org.examhall.protocol.crypto.Sm3;

/**
 * The token a terminal holds once its candidate has confirmed with the admission ticket: it names
 * the sitting, the terminal it was issued to and the paper's item count, signed with a keyed SM3.
 * Checking it needs no database read, which keeps autosaves cheap; the binding to the terminal
 * is still enforced in SQL, so a token from before a terminal move stops working.
 */
public final class CandidateTokens {

    private final byte[] key;

    public CandidateTokens(byte[] indexKey) {
        this.key = Sm3.hmac(indexKey, "examhall candidate token v1".getBytes(StandardCharsets.US_ASCII));
    }

    public record Claims(long sittingId, long terminalId, int items) {}

    public String issue(Claims claims) {
        String body = claims.sittingId() + "." + claims.terminalId() + "." + claims.items();
        return body + "." + mac(body);
    }

    public Optional<Claims> verify(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        int last = token.lastIndexOf('.');
        if (last < 0) {
            return Optional.empty();
        }
        String body = token.substring(0, last);
        if (!MessageDigest.isEqual(
                mac(body).getBytes(StandardCharsets.US_ASCII),
                token.substring(last + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        String[] parts = body.split("\\.");
        try {
            return Optional.of(
                    new Claims(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Integer.parseInt(parts[2])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private String mac(String body) {
        return Hex.toHexString(Sm3.hmac(key, body.getBytes(StandardCharsets.US_ASCII)));
    }
}
