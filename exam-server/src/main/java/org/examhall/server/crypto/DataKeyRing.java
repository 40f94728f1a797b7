package org.examhall.server.crypto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.util.encoders.Hex;
import org.examhall.protocol.crypto.Sm3;
import org.examhall.protocol.crypto.Sm4Cipher;

/**
 * The SM4 data keys of a node: the current one, which encrypts, and the previous ones, still readable
 * while a rotation re-encrypts what they made. A value is stored in an envelope that names its key:
 * {@code "EHK" 0x01}, the key id (the first 8 bytes of the key's SM3), then {@link Sm4Cipher}'s nonce,
 * ciphertext and tag. Values stored before key ids existed are {@link Sm4Cipher}'s output alone; they
 * are tried with every key, the GCM tag telling which one made them.
 */
public final class DataKeyRing {

    private static final byte[] MAGIC = {'E', 'H', 'K', 1};
    private static final int ID_BYTES = 8;
    /** The envelope's header: the magic and the key id. */
    public static final int HEADER_BYTES = MAGIC.length + ID_BYTES;

    private final String currentId;
    private final byte[] currentHeader;
    /** By key id, the current key first. */
    private final Map<String, Sm4Cipher> ciphers = new LinkedHashMap<>();

    public DataKeyRing(byte[] current, List<byte[]> previous) {
        currentId = keyId(current);
        currentHeader = header(current);
        ciphers.put(currentId, new Sm4Cipher(current));
        for (byte[] key : previous) {
            ciphers.putIfAbsent(keyId(key), new Sm4Cipher(key));
        }
    }

    /** The id stored in front of what a key encrypts: hex of the first 8 bytes of its SM3. Not secret. */
    public static String keyId(byte[] key) {
        return Hex.toHexString(Sm3.digest(key), 0, ID_BYTES);
    }

    public String currentKeyId() {
        return currentId;
    }

    /** The ids of the keys still readable besides the current one, as configured. */
    public List<String> previousKeyIds() {
        return new ArrayList<>(ciphers.keySet()).subList(1, ciphers.size());
    }

    /** The first {@link #HEADER_BYTES} of every value the current key encrypts, for finding the others in SQL. */
    public byte[] currentHeader() {
        return currentHeader.clone();
    }

    /** The magic that starts every envelope, for telling them from values stored before key ids in SQL. */
    public static byte[] magic() {
        return MAGIC.clone();
    }

    public byte[] encrypt(byte[] plaintext) {
        byte[] sealed = ciphers.get(currentId).encrypt(plaintext);
        byte[] out = Arrays.copyOf(currentHeader, HEADER_BYTES + sealed.length);
        System.arraycopy(sealed, 0, out, HEADER_BYTES, sealed.length);
        return out;
    }

    /**
     * @throws UnknownDataKeyException when the value names a key this ring does not hold, or predates key ids
     *     and no key here made it
     * @throws IllegalArgumentException when the value was altered
     */
    public byte[] decrypt(byte[] stored) {
        String id = envelopeKeyId(stored);
        if (id != null && ciphers.containsKey(id)) {
            return ciphers.get(id).decrypt(Arrays.copyOfRange(stored, HEADER_BYTES, stored.length));
        }
        // Unlabelled, or by chance a legacy nonce that starts with the magic: try every key.
        for (Sm4Cipher cipher : ciphers.values()) {
            try {
                return cipher.decrypt(stored);
            } catch (IllegalArgumentException notThisKey) {
                // the tag tells: the next key, or none
            }
        }
        throw new UnknownDataKeyException(id);
    }

    /** True when the value is in an envelope of the current key, which a rotation leaves alone. */
    public boolean isCurrent(byte[] stored) {
        return currentId.equals(envelopeKeyId(stored));
    }

    private static String envelopeKeyId(byte[] stored) {
        if (stored.length < HEADER_BYTES || !Arrays.equals(stored, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return null;
        }
        return Hex.toHexString(stored, MAGIC.length, ID_BYTES);
    }

    private static byte[] header(byte[] key) {
        byte[] header = Arrays.copyOf(MAGIC, HEADER_BYTES);
        System.arraycopy(Sm3.digest(key), 0, header, MAGIC.length, ID_BYTES);
        return header;
    }

    /** A stored value that no key of this node can read: the key that made it is not configured here. */
    public static final class UnknownDataKeyException extends IllegalArgumentException {

        private final String keyId;

        UnknownDataKeyException(String keyId) {
            super(
                    keyId == null
                            ? "a value stored without a key id is readable by none of this node's data keys: add the key"
                                    + " that made it to security.previousDataKeys"
                            : "a value is encrypted under data key " + keyId
                                    + ", which this node does not hold: add it to"
                                    + " security.previousDataKeys until the re-encryption has moved every value off it");
            this.keyId = keyId;
        }

        /** The id the value names, or null for a value stored without one. */
        public String keyId() {
            return keyId;
        }
    }
}
