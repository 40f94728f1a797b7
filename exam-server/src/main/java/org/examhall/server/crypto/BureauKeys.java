package org.examhall.server.crypto;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import org.examhall.protocol.config.ConfigException;
import org.examhall.protocol.crypto.Sm2;
import org.examhall.server.config.ExamhallConfig;

/**
 * The bureau's SM2 key pair: it signs result packages for the province, class archive indexes and
 * live-video viewing tickets (the files named by {@code province.bureauKeyFile} and
 * {@code province.bureauPublicKeyFile}; in demo mode generated once into {@code <dataDir>/keys}).
 * Without configured files outside demo mode nothing can be signed, and what needs a signature is refused.
 */
public final class BureauKeys {

    private final KeyPair pair;

    private BureauKeys(KeyPair pair) {
        this.pair = pair;
    }

    public static BureauKeys load(ExamhallConfig config) {
        Path keys = config.dataPath().resolve("keys");
        Path privateFile =
                path(config.province.bureauKeyFile, config.demo() ? keys.resolve("province-bureau-key.pem") : null);
        Path publicFile = path(
                config.province.bureauPublicKeyFile, config.demo() ? keys.resolve("province-bureau-public.pem") : null);
        if (privateFile == null || publicFile == null) {
            return new BureauKeys(null);
        }
        KeyPair pair;
        try {
            pair = config.demo()
                    ? Sm2.loadOrCreate(privateFile, publicFile)
                    : new KeyPair(Sm2.readPublic(publicFile), Sm2.readPrivate(privateFile));
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(
                    "cannot read the bureau's SM2 key pair (province.bureauKeyFile, province.bureauPublicKeyFile): "
                            + e.getMessage(),
                    e);
        }
        String probe = "examhall key check";
        if (!Sm2.verify(pair.getPublic(), probe, Sm2.sign(pair.getPrivate(), probe))) {
            throw new ConfigException("province.bureauPublicKeyFile is not the public half of province.bureauKeyFile");
        }
        return new BureauKeys(pair);
    }

    /** A configured file, or the demo's fallback; null when neither is there. */
    public static Path path(String configured, Path fallback) {
        return configured == null || configured.isBlank()
                ? fallback
                : Path.of(configured).toAbsolutePath().normalize();
    }

    public boolean canSign() {
        return pair != null;
    }

    /** Base64 DER SM3withSM2 signature over the UTF-8 text. */
    public String sign(String text) {
        return Sm2.sign(pair.getPrivate(), text);
    }

    public PublicKey publicKey() {
        return pair == null ? null : pair.getPublic();
    }

    public String keyId() {
        return Sm2.keyId(pair.getPublic());
    }
}
