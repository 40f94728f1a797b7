package org.examhall.server.crypto;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.encoders.Hex;

/** SM3 (GB/T 32905) digests and keyed SM3 (HMAC-SM3), the hash of the Chinese commercial crypto suite. */
public final class Sm3 {

  private Sm3() {
  }

  public static byte[] digest(byte[]... parts) {
    SM3Digest digest = new SM3Digest();
    for (byte[] part : parts) {
      digest.update(part, 0, part.length);
    }
    byte[] out = new byte[digest.getDigestSize()];
    digest.doFinal(out, 0);
    return out;
  }

  public static String hex(byte[]... parts) {
    return Hex.toHexString(digest(parts));
  }

  public static byte[] hmac(byte[] key, byte[] message) {
    HMac mac = new HMac(new SM3Digest());
    mac.init(new KeyParameter(key));
    mac.update(message, 0, message.length);
    byte[] out = new byte[mac.getMacSize()];
    mac.doFinal(out, 0);
    return out;
  }
}
