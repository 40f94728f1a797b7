package org.examhall.server.pii;

import java.util.Base64;
import org.examhall.protocol.http.ApiError;

/** Photos arrive as Base64 JPEG or PNG (a data: URL prefix is accepted); anything else is refused. */
public final class CandidatePhoto {

    public static final int MAX_BYTES = 512 * 1024;
    public static final ApiError PHOTO_INVALID = new ApiError(
            400,
            "PHOTO_INVALID",
            "照片必须是 Base64 编码的 JPEG 或 PNG，且不超过 512 KB",
            "The photo must be a Base64 JPEG or PNG of at most 512 KB");

    private CandidatePhoto() {}

    /** @return the image bytes, or null when no photo was given */
    public static byte[] decode(String base64) {
        if (base64 == null) {
            return null;
        }
        String data = base64.startsWith("data:") ? base64.substring(base64.indexOf(',') + 1) : base64;
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw PHOTO_INVALID.exception();
        }
        boolean jpeg = bytes.length > 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8;
        boolean png =
                bytes.length > 8 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G';
        if (bytes.length > MAX_BYTES || !(jpeg || png)) {
            throw PHOTO_INVALID.exception();
        }
        return bytes;
    }
}
