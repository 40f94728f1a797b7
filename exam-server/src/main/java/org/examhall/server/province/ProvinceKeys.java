package org.examhall.server.province;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import org.examhall.protocol.crypto.Sm2;
import org.examhall.server.config.ExamhallConfig;
import org.examhall.server.crypto.BureauKeys;

/**
 * The bureau's SM2 key pair that signs result packages, and the platform's public key that signs
 * receipts. Outside demo mode both come from PEM files named in the configuration; in demo mode the
 * bureau pair is generated once into {@code <dataDir>/keys}, and the platform key is the one the
 * simulator writes into {@code <dataDir>/province-sim}. The platform key is read when first needed,
 * so the simulator may start after the node.
 */
public final class ProvinceKeys {

    private final BureauKeys bureau;
    private final Path platformKeyFile;
    private volatile PublicKey platformKey;

    private ProvinceKeys(BureauKeys bureau, Path platformKeyFile) {
        this.bureau = bureau;
        this.platformKeyFile = platformKeyFile;
    }

    /** @param bureau the node's bureau pair, loaded once at start for everything it signs */
    public static ProvinceKeys of(ExamhallConfig config, BureauKeys bureau) {
        Path platformFile = BureauKeys.path(
                config.province.platformPublicKeyFile,
                config.demo() ? config.dataPath().resolve("province-sim").resolve("platform-public.pem") : null);
        return new ProvinceKeys(bureau, platformFile);
    }

    /** Whether packages can be signed at all (a production node needs the key files configured). */
    public boolean canSign() {
        return bureau.canSign();
    }

    /** Base64 DER SM3withSM2 signature by the bureau's key. */
    String sign(String text) {
        return bureau.sign(text);
    }

    public PublicKey bureauPublicKey() {
        return bureau.publicKey();
    }

    public String keyId() {
        return bureau.canSign() ? bureau.keyId() : null;
    }

    /** @throws PlatformException (retryable) until the platform's key file is there to read */
    PublicKey platformKey() {
        PublicKey key = platformKey;
        if (key != null) {
            return key;
        }
        if (platformKeyFile == null || !Files.exists(platformKeyFile)) {
            throw new PlatformException(
                    true,
                    "PLATFORM_KEY_MISSING: the platform's public key (province.platformPublicKeyFile) "
                            + (platformKeyFile == null ? "is not configured" : "is not at " + platformKeyFile)
                            + "; receipts cannot be verified");
        }
        try {
            key = Sm2.readPublic(platformKeyFile);
        } catch (IOException e) {
            throw new PlatformException(true, "PLATFORM_KEY_UNREADABLE: " + e.getMessage());
        }
        platformKey = key;
        return key;
    }
}
