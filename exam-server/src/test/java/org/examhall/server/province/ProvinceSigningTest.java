package org.examhall.server.province;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import org.examhall.protocol.crypto.Sm2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SM2 keys in PEM files, signatures and receipts as the envelope format defines them. */
class ProvinceSigningTest {

    @TempDir
    Path dir;

    @Test
    void aKeyPairWrittenToPemIsReadBackAndSignsWhatItVerifies() throws Exception {
        KeyPair created = Sm2.loadOrCreate(dir.resolve("k.pem"), dir.resolve("p.pem"));
        assertThat(Files.readString(dir.resolve("k.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(dir.resolve("p.pem"))).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("k.pem"))))
                .isEqualTo("rw-------");
        KeyPair read = Sm2.loadOrCreate(dir.resolve("k.pem"), dir.resolve("p.pem"));
        assertThat(Sm2.keyId(read.getPublic()))
                .isEqualTo(Sm2.keyId(created.getPublic()))
                .hasSize(64);

        String text = "{\"candidate\":{\"fullName\":\"张伟\"},\"score\":85.0}";
        String signature = Sm2.sign(read.getPrivate(), text);
        assertThat(Sm2.verify(created.getPublic(), text, signature)).isTrue();
        assertThat(Sm2.verify(created.getPublic(), text.replace("85", "95"), signature))
                .isFalse();
        assertThat(Sm2.verify(Sm2.generate().getPublic(), text, signature)).isFalse();
        assertThat(Sm2.verify(created.getPublic(), text, "not base64!")).isFalse();
    }

    @Test
    void aReceiptVerifiesOnlyForItsKeyTimeAndPlatform() {
        KeyPair platform = Sm2.generate();
        Receipt receipt = Receipt.sign(platform.getPrivate(), "abc", "2026-11-25T05:49:09.393Z", false);
        assertThat(receipt.problem("abc", platform.getPublic())).isNull();
        assertThat(receipt.problem("abd", platform.getPublic())).contains("another package");
        assertThat(new Receipt("abc", "2026-11-25T05:49:09.394Z", false, receipt.signature())
                        .problem("abc", platform.getPublic()))
                .contains("does not verify");
        assertThat(receipt.problem("abc", Sm2.generate().getPublic())).contains("does not verify");
        assertThat(Receipt.fromJson(receipt.toJson())).isEqualTo(receipt);
    }
}
