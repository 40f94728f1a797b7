package org.examhall.protocol.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.encoders.Hex;

/**
 * SM3 (GB/T 32905) digests and keyed SM3 (HMAC-SM3), the hash of the Chinese commercial crypto suite that
 * the 等保 rules ask for: the audit chain, the blind index, archive indexes and the gateway's video manifests.
 */
public final class Sm3 {

    private Sm3() {}

    public static byte[] digest(byte[]... parts) {
        SM3Digest digest = new SM3Digest();
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    public static String hex(byte[]... parts) {
        return Hex.toHexString(digest(parts));
    }

    /** The digest of the text's UTF-8 bytes. */
    public static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String hex(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return hex(in);
        }
    }

    public static String hex(InputStream in) throws IOException {
        SM3Digest digest = new SM3Digest();
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
            digest.update(buffer, 0, n);
        }
        return hex(digest);
    }

    /** Finishes a digest fed piece by piece (a segment hashed while it is written) and gives its hex form. */
    public static String hex(SM3Digest digest) {
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return Hex.toHexString(out);
    }

    public static byte[] hmac(byte[] key, byte[] message) {
        HMac mac = new HMac(new SM3Digest());
        mac.init(new KeyParameter(key));
        mac.update(message, 0, message.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }
}
