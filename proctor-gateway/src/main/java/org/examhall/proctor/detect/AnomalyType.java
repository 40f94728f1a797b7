package org.examhall.proctor.detect;

/** The kinds of anomaly the gateway flags; the names are the wire values exam-server receives. */
public enum AnomalyType {
    CAMERA_OFFLINE,
    BLACK_PICTURE,
    FROZEN_PICTURE,
    AUDIO_LOST,
    TALKING,
    /** The archive cannot write this camera's media: not a candidate's doing, but the room's record is at risk. */
    ARCHIVE_FAILING
}
