package org.examhall.proctor.testing;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_FATAL;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Turns FFmpeg's native logging down to fatal errors for every test class (registered through the JUnit service
 * loader), (GatewayMain keeps errors for operators): its stream dumps and mid-GOP probe complaints go straight to the process's stderr and
 * would bury Maven's own output.
 */
public final class QuietFfmpeg implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        av_log_set_level(AV_LOG_FATAL);
    }
}
