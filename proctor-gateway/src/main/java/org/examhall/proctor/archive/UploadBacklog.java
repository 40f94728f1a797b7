package org.examhall.proctor.archive;

/**
 * What the archive holds locally until its store confirms it: nothing for the local store; for an object
 * store, the files staged while it was slow or unreachable. Shown on {@code /metrics}.
 */
public interface UploadBacklog {

    UploadBacklog NONE = () -> new Figures(0, 0, 0, 0);

    /**
     * @param segments segments waiting
     * @param bytes their bytes
     * @param failures uploads that failed since the gateway started
     * @param oldestWaitingSeconds how long the oldest waiting file (a segment, a manifest, a day index) has waited,
     *     0 when none does
     */
    record Figures(long segments, long bytes, long failures, long oldestWaitingSeconds) {}

    Figures figures();
}
