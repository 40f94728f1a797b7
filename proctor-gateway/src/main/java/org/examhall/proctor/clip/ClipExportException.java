package org.examhall.proctor.clip;

/** A clip that cannot honestly be cut: nothing recorded in the range, or a source that fails its hash. */
public class ClipExportException extends Exception {
    public ClipExportException(String message) {
        super(message);
    }
}
