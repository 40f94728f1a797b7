package org.examhall.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SM2 keys and signatures as both sides keep them. The PEM text is what exam-server and the gateway each
 * wrote before they shared this class (64-character lines, PKCS#8 and X.509), so key files already on
 * disk, and the bureau key the gateway fetches as text, read the same.
 */
class Sm2Test {

    @TempDir
    Path dir;

    @Test
    void pemIsTheSixtyFourColumnFormBothSidesWrote() {
        KeyPair pair = Sm2.generate();

        assertThat(Sm2.pem(pair.getPublic()))
                .isEqualTo(pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        assertThat(Sm2.pem(pair.getPrivate()))
                .isEqualTo(pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    }

    @Test
    void keysWrittenAsFilesOrHandedOverAsTextReadBackAndStillSign() throws Exception {
        KeyPair pair = Sm2.generate();
        Path privateFile = dir.resolve("keys/private.pem");
        Path publicFile = dir.resolve("keys/public.pem");
        Sm2.write(pair, privateFile, publicFile);

        String signature = Sm2.sign(Sm2.readPrivate(privateFile), "examhall");
        assertThat(Sm2.verify(Sm2.readPublic(publicFile), "examhall", signature))
                .isTrue();
        assertThat(Sm2.verify(Sm2.publicFromPem(Files.readString(publicFile)), "examhall", signature))
                .isTrue();
        assertThat(Sm2.keyId(Sm2.readPublic(publicFile)))
                .isEqualTo(Sm2.keyId(pair.getPublic()))
                .hasSize(64);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateFile)))
                .isEqualTo("rw-------");
    }

    @Test
    void loadOrCreateMakesThePairOnceAndThenReadsIt() throws Exception {
        KeyPair first = Sm2.loadOrCreate(dir.resolve("private.pem"), dir.resolve("public.pem"));
        KeyPair again = Sm2.loadOrCreate(dir.resolve("private.pem"), dir.resolve("public.pem"));

        assertThat(again.getPublic().getEncoded()).isEqualTo(first.getPublic().getEncoded());
        assertThat(again.getPrivate().getEncoded()).isEqualTo(first.getPrivate().getEncoded());
    }

    @Test
    void aWrongMalformedOrMissingSignatureIsFalseNeverAnException() {
        KeyPair pair = Sm2.generate();
        String signature = Sm2.sign(pair.getPrivate(), "text");

        assertThat(Sm2.verify(pair.getPublic(), "text", signature)).isTrue();
        assertThat(Sm2.verify(pair.getPublic(), "other", signature)).isFalse();
        assertThat(Sm2.verify(Sm2.generate().getPublic(), "text", signature)).isFalse();
        assertThat(Sm2.verify(pair.getPublic(), "text", "not base64!")).isFalse();
        assertThat(Sm2.verify(pair.getPublic(), "text", null)).isFalse();
    }

    @Test
    void textThatIsNoPublicKeyIsRefused() {
        assertThatThrownBy(() -> Sm2.publicFromPem("")).hasMessageContaining("holds no PEM object");
        assertThatThrownBy(() -> Sm2.publicFromPem(Sm2.pem(Sm2.generate().getPrivate())))
                .hasMessageContaining("holds no PUBLIC KEY");
    }

    /** How the gateway wrote its key files before. */
    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
