package org.examhall.server.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.util.encoders.Hex;
import org.examhall.protocol.config.ConfigException;
import org.examhall.server.config.ExamhallConfig;

/**
 * The node's secret keys: the SM4 data key for personal data at rest (with the previous ones still
 * readable during a rotation) and the SM3-HMAC key of the blind index. Outside demo mode they come from
 * configuration; in demo mode they are generated once into {@code <dataDir>/keys} so a restarted demo
 * can still read its data. Never logged.
 */
public final class KeyMaterial {

    private final DataKeyRing dataKeys;
    private final byte[] indexKey;

    private KeyMaterial(DataKeyRing dataKeys, byte[] indexKey) {
        this.dataKeys = dataKeys;
        this.indexKey = indexKey;
    }

    public static KeyMaterial from(ExamhallConfig config) {
        String data = config.security.dataKey;
        String index = config.security.indexKey;
        if (config.demo()) {
            Path keys = config.dataPath().resolve("keys");
            if (data == null || data.isBlank()) {
                data = loadOrGenerate(keys.resolve("data.key"), 16);
            }
            if (index == null || index.isBlank()) {
                index = loadOrGenerate(keys.resolve("index.key"), 32);
            }
        }
        byte[] current = decode(data, 16, "security.dataKey");
        List<byte[]> previous = new ArrayList<>();
        List<String> configured =
                config.security.previousDataKeys == null ? List.of() : config.security.previousDataKeys;
        for (int i = 0; i < configured.size(); i++) {
            String setting = "security.previousDataKeys[" + i + "]";
            byte[] key = decode(configured.get(i), 16, setting);
            if (Arrays.equals(key, current)) {
                throw new ConfigException(setting + " is the current security.dataKey: list only keys it replaced");
            }
            previous.add(key);
        }
        return new KeyMaterial(new DataKeyRing(current, previous), decode(index, 32, "security.indexKey"));
    }

    /** The data keys: the current one encrypts, the previous ones still decrypt. */
    public DataKeyRing dataCipher() {
        return dataKeys;
    }

    public byte[] indexKey() {
        return indexKey.clone();
    }

    private static byte[] decode(String hex, int bytes, String setting) {
        if (hex == null) {
            throw new ConfigException(setting + " is not set");
        }
        byte[] key;
        try {
            key = Hex.decode(hex.trim());
        } catch (RuntimeException e) {
            throw new ConfigException(setting + " must be hexadecimal");
        }
        if (key.length != bytes) {
            throw new ConfigException(setting + " must be " + bytes * 2 + " hex digits (" + bytes * 8 + " bits)");
        }
        return key;
    }

    private static String loadOrGenerate(Path file, int bytes) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            if (!Files.isDirectory(file.getParent())) {
                Files.createDirectories(
                        file.getParent(),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            byte[] key = new byte[bytes];
            new SecureRandom().nextBytes(key);
            String hex = Hex.toHexString(key);
            // Created with owner-only permissions from the start: the key is never readable by others, not even
            // briefly.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, hex + "\n", StandardCharsets.US_ASCII);
            return hex;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create key file " + file, e);
        }
    }
}
