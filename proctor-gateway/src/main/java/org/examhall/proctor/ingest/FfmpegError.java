package org.examhall.proctor.ingest;

import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.bytedeco.javacpp.BytePointer;

/** Turns FFmpeg's negative return codes into exceptions that say what was being attempted. */
public final class FfmpegError {

    private FfmpegError() {}

    public static String describe(int code) {
        byte[] text = new byte[256];
        try (BytePointer buffer = new BytePointer(text.length)) {
            av_strerror(code, buffer, text.length);
            buffer.get(text);
        }
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new String(text, 0, end, StandardCharsets.UTF_8) + " (" + code + ")";
    }

    /** Returns {@code code} when it is not an error, so calls can be wrapped inline. */
    public static int check(int code, String action) throws IOException {
        if (code < 0) {
            throw new FfmpegException(code, action + ": " + describe(code));
        }
        return code;
    }
}
