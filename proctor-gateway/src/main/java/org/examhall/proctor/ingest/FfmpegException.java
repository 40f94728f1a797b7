package org.examhall.proctor.ingest;

import java.io.IOException;

/** An FFmpeg call that failed, with FFmpeg's error code kept so the operator can be told what to do. */
public final class FfmpegException extends IOException {

    private final int code;

    public FfmpegException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
