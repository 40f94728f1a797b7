package org.examhall.server.province;

import org.examhall.server.config.ConfigException;
import org.examhall.server.config.ExamhallConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * The bureau's SM2 key pair that signs result packages, and the platform's public key that signs
 * receipts. Outside demo mode both come from PEM files named in the configuration; in demo mode the
 * bureau pair is generated once into {@code <dataDir>/keys}, and the platform key is the one the
 * simulator writes into {@code <dataDir>/province-sim}. The platform key is read when first needed,
 * so the simulator may start after the node.
 */
public final class ProvinceKeys {

  private final KeyPair bureau;
  private final String keyId;
  private final Path platformKeyFile;
  private volatile PublicKey platformKey;

  private ProvinceKeys(KeyPair bureau, Path platformKeyFile) {
    this.bureau = bureau;
    this.keyId = bureau == null ? null : Sm2.keyId(bureau.getPublic());
    this.platformKeyFile = platformKeyFile;
  }

  public static ProvinceKeys load(ExamhallConfig config) {
    ExamhallConfig.Province settings = config.province;
    Path keys = config.dataPath().resolve("keys");
    Path privateFile = path(settings.bureauKeyFile, config.demo() ? keys.resolve("province-bureau-key.pem") : null);
    Path publicFile = path(settings.bureauPublicKeyFile, config.demo() ? keys.resolve("province-bureau-public.pem") : null);
    Path platformFile = path(settings.platformPublicKeyFile,
        config.demo() ? config.dataPath().resolve("province-sim").resolve("platform-public.pem") : null);
    if (privateFile == null || publicFile == null) {
      return new ProvinceKeys(null, platformFile);
    }
    KeyPair pair;
    try {
      pair = config.demo() ? Sm2.loadOrCreate(privateFile, publicFile)
          : new KeyPair(Sm2.readPublic(publicFile), Sm2.readPrivate(privateFile));
    } catch (IOException | RuntimeException e) {
      throw new ConfigException("cannot read the bureau's SM2 key pair (province.bureauKeyFile, province.bureauPublicKeyFile): "
          + e.getMessage(), e);
    }
    String probe = "examhall key check";
    if (!Sm2.verify(pair.getPublic(), probe, Sm2.sign(pair.getPrivate(), probe))) {
      throw new ConfigException("province.bureauPublicKeyFile is not the public half of province.bureauKeyFile");
    }
    return new ProvinceKeys(pair, platformFile);
  }

  private static Path path(String configured, Path fallback) {
    return configured == null || configured.isBlank() ? fallback : Path.of(configured).toAbsolutePath().normalize();
  }

  /** Whether packages can be signed at all (a production node needs the key files configured). */
  public boolean canSign() {
    return bureau != null;
  }

  PrivateKey signingKey() {
    return bureau.getPrivate();
  }

  public PublicKey bureauPublicKey() {
    return bureau == null ? null : bureau.getPublic();
  }

  String keyId() {
    return keyId;
  }

  /** @throws PlatformException (retryable) until the platform's key file is there to read */
  PublicKey platformKey() {
    PublicKey key = platformKey;
    if (key != null) {
      return key;
    }
    if (platformKeyFile == null || !Files.exists(platformKeyFile)) {
      throw new PlatformException(true, "PLATFORM_KEY_MISSING: the platform's public key (province.platformPublicKeyFile) "
          + (platformKeyFile == null ? "is not configured" : "is not at " + platformKeyFile) + "; receipts cannot be verified");
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
