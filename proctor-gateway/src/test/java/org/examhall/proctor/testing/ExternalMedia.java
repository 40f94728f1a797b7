package org.examhall.proctor.testing;

/**
 * A program that is not ours serving or pushing a camera stream (GStreamer's RTSP server, VLC, the {@code ffmpeg}
 * command line), and the faults a site's cameras have, played on it.
 */
public interface ExternalMedia extends AutoCloseable {

    ExternalServer process();

    /** The camera loses power: connections drop without a TEARDOWN, an RTCP BYE or a FIN from the program. */
    default void kill() {
        process().kill();
    }

    /** Stopped and started again with the same settings, like a camera rebooting; returns once it is ready again. */
    default void restart() {
        process().restart();
    }

    /** The encoder locks up with its connections open. */
    default void freeze() {
        process().freeze();
    }

    default void thaw() {
        process().thaw();
    }

    /** Ends the program and everything it started. */
    @Override
    default void close() throws Exception {
        process().close();
    }
}
