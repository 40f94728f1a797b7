package org.examhall.proctor.manifest;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The gateway's SM2 key pair, stored as PEM (PKCS#8 private, X.509 public) so the bureau's tools and
 * {@code archive-verify} on another machine can read the public half.
 */
public final class Sm2Keys {

    static final Provider BC = new BouncyCastleProvider();

    private Sm2Keys() {
    }

    /** Loads the pair, or in demo mode creates it on first start; a site must provision its own key. */
    public static KeyPair loadOrGenerate(Path privatePem, Path publicPem, boolean generateIfMissing) throws IOException {
        if (!Files.exists(privatePem) && generateIfMissing) {
            KeyPair pair = generate();
            Files.createDirectories(privatePem.toAbsolutePath().getParent());
            Files.createDirectories(publicPem.toAbsolutePath().getParent());
            Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            try {
                Files.setPosixFilePermissions(privatePem, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // Not a POSIX file system: the directory's permissions are all there is.
            }
            Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return pair;
        }
        return new KeyPair(loadPublic(publicPem), loadPrivate(privatePem));
    }

    /** Writes the public half where {@code archive-verify} on another machine can be given it. */
    public static void writePublic(Path pem, PublicKey key) throws IOException {
        Files.writeString(pem, pem("PUBLIC KEY", key.getEncoded()));
    }

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec("sm2p256v1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SM2 is not available", e);
        }
    }

    public static PublicKey loadPublic(Path pem) throws IOException {
        return publicFromPem(Files.readString(pem), pem.toString());
    }

    /** A public key given as PEM text, as exam-server hands out the key that signs viewing tickets. */
    public static PublicKey publicFromPem(String pem) throws IOException {
        return publicFromPem(pem, "the PEM text");
    }

    private static PublicKey publicFromPem(String pem, String source) throws IOException {
        try {
            return KeyFactory.getInstance("EC", BC).generatePublic(new X509EncodedKeySpec(unpem(pem)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("not an SM2 public key: " + source, e);
        }
    }

    public static PrivateKey loadPrivate(Path pem) throws IOException {
        try {
            return KeyFactory.getInstance("EC", BC).generatePrivate(new PKCS8EncodedKeySpec(unpem(Files.readString(pem))));
        } catch (GeneralSecurityException e) {
            throw new IOException("not an SM2 private key: " + pem, e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
