package org.examhall.proctor.manifest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * SM2-with-SM3 signatures over a seal: the room, the day and the hash of the entry before the seal. As
 * every entry's hash covers the one before it, one signature vouches for the whole manifest up to there.
 */
public final class SealSignature {

    private SealSignature() {
    }

    public static String signedText(String site, String room, String day, long seq, String prevHash) {
        return "examhall-manifest-seal|" + site + "|" + room + "|" + day + "|" + seq + "|" + prevHash;
    }

    public static String sign(PrivateKey key, String text) {
        try {
            Signature signature = Signature.getInstance("SM3withSM2", Sm2Keys.BC);
            signature.initSign(key);
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign manifest seal", e);
        }
    }

    public static boolean verify(PublicKey key, String text, String base64Signature) {
        try {
            Signature signature = Signature.getInstance("SM3withSM2", Sm2Keys.BC);
            signature.initVerify(key);
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(base64Signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
