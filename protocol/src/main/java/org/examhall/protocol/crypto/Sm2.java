package org.examhall.protocol.crypto;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * SM2 (GB/T 32918) as exam-server and the gateway use it (the bureau's key over result packages, archive
 * indexes and viewing tickets; the gateway's key over its video manifests): SM3withSM2 signatures with the
 * default user id {@code 1234567812345678}, DER-encoded and sent as base64; keys on the sm2p256v1 curve
 * kept in PEM files (PKCS#8 private, X.509 SubjectPublicKeyInfo public), which GmSSL and OpenSSL 3 read
 * as well.
 */
public final class Sm2 {

    public static final String ALGORITHM = "SM3withSM2";
    private static final Provider BC = new BouncyCastleProvider();

    private Sm2() {}

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec("sm2p256v1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SM2 key generation is not available", e);
        }
    }

    /** Base64 of the DER signature over the UTF-8 bytes of {@code text}. */
    public static String sign(PrivateKey key, String text) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM, BC);
            signer.initSign(key);
            signer.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SM2 signing failed", e);
        }
    }

    /** False for a wrong signature, a malformed one, or base64 that does not decode: never an exception. */
    public static boolean verify(PublicKey key, String text, String base64Signature) {
        if (key == null || text == null || base64Signature == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM, BC);
            verifier.initVerify(key);
            verifier.update(text.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(base64Signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The key's identifier in envelopes: SM3 (hex) of its X.509 SubjectPublicKeyInfo encoding. */
    public static String keyId(PublicKey key) {
        return Sm3.hex(key.getEncoded());
    }

    /** PEM text of a public key (X.509 "PUBLIC KEY") or a private key (PKCS#8 "PRIVATE KEY", never the SEC1 form). */
    public static String pem(Key key) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            if (key instanceof PrivateKey privateKey) {
                writer.writeObject(new JcaPKCS8Generator(privateKey, null));
            } else {
                writer.writeObject(key);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static PublicKey readPublic(Path file) throws IOException {
        return publicKey(
                parse(Files.newBufferedReader(file, StandardCharsets.US_ASCII), file.toString()), file.toString());
    }

    /** A public key given as PEM text, as exam-server hands the gateway the key that signs viewing tickets. */
    public static PublicKey publicFromPem(String pem) throws IOException {
        return publicKey(parse(new StringReader(pem), "the PEM text"), "the PEM text");
    }

    private static PublicKey publicKey(Object parsed, String source) throws IOException {
        if (parsed instanceof SubjectPublicKeyInfo info) {
            return new JcaPEMKeyConverter().setProvider(BC).getPublicKey(info);
        }
        throw new IOException(source + " holds no PUBLIC KEY");
    }

    public static PrivateKey readPrivate(Path file) throws IOException {
        Object parsed = parse(Files.newBufferedReader(file, StandardCharsets.US_ASCII), file.toString());
        if (parsed instanceof PrivateKeyInfo info) {
            return new JcaPEMKeyConverter().setProvider(BC).getPrivateKey(info);
        }
        if (parsed instanceof PEMKeyPair pair) {
            return new JcaPEMKeyConverter().setProvider(BC).getPrivateKey(pair.getPrivateKeyInfo());
        }
        throw new IOException(file + " holds no PRIVATE KEY");
    }

    /** Reads the pair from two PEM files, or creates both (private one readable by the owner only) when neither exists. */
    public static KeyPair loadOrCreate(Path privateFile, Path publicFile) throws IOException {
        if (!Files.exists(privateFile) && !Files.exists(publicFile)) {
            KeyPair pair = generate();
            write(pair, privateFile, publicFile);
            return pair;
        }
        return new KeyPair(readPublic(publicFile), readPrivate(privateFile));
    }

    /** Writes a new pair as two PEM files, the private one created readable by the owner only. */
    public static void write(KeyPair pair, Path privateFile, Path publicFile) throws IOException {
        write(publicFile, pem(pair.getPublic()), false);
        write(privateFile, pem(pair.getPrivate()), true);
    }

    private static void write(Path file, String text, boolean secret) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (secret) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, text, StandardCharsets.US_ASCII);
    }

    private static Object parse(Reader text, String source) throws IOException {
        try (PEMParser parser = new PEMParser(text)) {
            Object parsed = parser.readObject();
            if (parsed == null) {
                throw new IOException(source + " holds no PEM object");
            }
            return parsed;
        }
    }
}
