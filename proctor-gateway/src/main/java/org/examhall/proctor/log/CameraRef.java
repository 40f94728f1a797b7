package org.examhall.proctor.log;

/** Which camera a log line, an anomaly or an archive problem is about. */
public record CameraRef(String site, String room, String camera) {

    /** The fields every camera's log line starts with. */
    public LogEvent event(String name) {
        return LogEvent.of(name).with("site", site).with("room", room).with("camera", camera);
    }

    @Override
    public String toString() {
        return site + "/" + room + "/" + camera;
    }
}
