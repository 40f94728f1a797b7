package org.examhall.server.pii;

import java.nio.charset.StandardCharsets;
import org.examhall.protocol.crypto.Sm3;

/**
 * Keyed SM3 (HMAC-SM3) of an ID number: equal numbers give equal index values, so a candidate can
 * be found without decrypting every row, while the index alone reveals nothing without the key
 * (a plain hash of the small ID-number space could be brute-forced).
 */
public final class BlindIndex {

    private final byte[] key;

    public BlindIndex(byte[] key) {
        this.key = key.clone();
    }

    public byte[] of(ResidentIdNumber id) {
        return Sm3.hmac(key, ("resident-id:" + id.value()).getBytes(StandardCharsets.US_ASCII));
    }
}
