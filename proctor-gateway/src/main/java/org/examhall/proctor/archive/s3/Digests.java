package org.examhall.proctor.archive.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.examhall.protocol.crypto.Sm3;

/**
 * A file's SM3 (what the archive vouches for, sent as metadata) and MD5 (what S3 checks the transfer with,
 * {@code Content-MD5}), from one read.
 */
record Digests(String sm3, String md5Base64, long bytes) {

    static Digests of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        }
    }

    static Digests of(byte[] bytes) {
        try {
            return of(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new IllegalStateException("reading memory failed", e);
        }
    }

    private static Digests of(InputStream in) throws IOException {
        SM3Digest sm3 = new SM3Digest();
        MessageDigest md5 = md5();
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            sm3.update(buffer, 0, n);
            md5.update(buffer, 0, n);
            total += n;
        }
        return new Digests(Sm3.hex(sm3), Base64.getEncoder().encodeToString(md5.digest()), total);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
