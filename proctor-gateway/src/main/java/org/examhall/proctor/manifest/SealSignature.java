package org.examhall.proctor.manifest;

/**
 * What an SM2-with-SM3 seal signature covers: the room, the day and the hash of the entry before the seal.
 * As every entry's hash covers the one before it, one signature vouches for the whole manifest up to there.
 */
public final class SealSignature {

    private SealSignature() {}

    public static String signedText(String site, String room, String day, long seq, String prevHash) {
        return "examhall-manifest-seal|" + site + "|" + room + "|" + day + "|" + seq + "|" + prevHash;
    }
}
