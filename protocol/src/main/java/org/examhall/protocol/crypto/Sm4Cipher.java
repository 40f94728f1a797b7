package org.examhall.protocol.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * SM4 (GB/T 32907) in GCM mode for data at rest: each value gets a fresh 96-bit nonce stored in
 * front of the ciphertext, and the tag makes any alteration of the stored bytes fail to decrypt.
 */
public final class Sm4Cipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final byte[] key;
    private final SecureRandom random = new SecureRandom();

    public Sm4Cipher(byte[] key) {
        if (key.length != 16) {
            throw new IllegalArgumentException("an SM4 key is 16 bytes, got " + key.length);
        }
        this.key = key.clone();
    }

    public byte[] encrypt(byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        GCMBlockCipher gcm = cipher(true, nonce);
        byte[] out = new byte[NONCE_BYTES + gcm.getOutputSize(plaintext.length)];
        System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
        int length = gcm.processBytes(plaintext, 0, plaintext.length, out, NONCE_BYTES);
        try {
            gcm.doFinal(out, NONCE_BYTES + length);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("SM4-GCM encryption failed", e);
        }
        return out;
    }

    public byte[] decrypt(byte[] stored) {
        if (stored.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("ciphertext too short");
        }
        GCMBlockCipher gcm = cipher(false, Arrays.copyOf(stored, NONCE_BYTES));
        byte[] out = new byte[gcm.getOutputSize(stored.length - NONCE_BYTES)];
        int length = gcm.processBytes(stored, NONCE_BYTES, stored.length - NONCE_BYTES, out, 0);
        try {
            length += gcm.doFinal(out, length);
        } catch (InvalidCipherTextException e) {
            throw new IllegalArgumentException("ciphertext was altered or the key is wrong", e);
        }
        return Arrays.copyOf(out, length);
    }

    private GCMBlockCipher cipher(boolean encrypt, byte[] nonce) {
        GCMBlockCipher gcm = (GCMBlockCipher) GCMBlockCipher.newInstance(new SM4Engine());
        gcm.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce));
        return gcm;
    }
}
