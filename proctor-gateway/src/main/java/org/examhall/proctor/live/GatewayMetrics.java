package org.examhall.proctor.live;

import java.util.Map;
import org.examhall.proctor.archive.UploadBacklog;
import org.examhall.proctor.config.GatewayConfig;
import org.examhall.proctor.config.RoomConfig;
import org.examhall.proctor.config.SourceConfig;

/**
 * The gateway's state in Prometheus' text format, for the operator's alerting: a camera offline or an archive
 * failing is what must page someone before an exam day's record is lost.
 */
final class GatewayMetrics {

    private GatewayMetrics() {}

    static String render(GatewayConfig config, Map<String, CameraStatus> status, UploadBacklog backlog) {
        StringBuilder online = header("examhall_gateway_camera_online", "gauge", "1 while the camera delivers media");
        StringBuilder connections =
                header("examhall_gateway_camera_connections_total", "counter", "connections that delivered media");
        StringBuilder failing = header(
                "examhall_gateway_archive_failing",
                "gauge",
                "1 while the camera's archive writes nothing (ARCHIVE_FAILING)");
        StringBuilder failures = header(
                "examhall_gateway_archive_failures_total", "counter", "times the camera's archive stopped writing");
        for (RoomConfig room : config.rooms()) {
            CameraStatus cameras = status.get(room.id());
            for (SourceConfig camera : room.sources()) {
                String labels =
                        "{site=\"" + config.site() + "\",room=\"" + room.id() + "\",camera=\"" + camera.id() + "\"} ";
                CameraStatus.Archive archive = cameras.archive(camera.id());
                online.append("examhall_gateway_camera_online")
                        .append(labels)
                        .append(cameras.state(camera.id()).online() ? 1 : 0)
                        .append('\n');
                connections
                        .append("examhall_gateway_camera_connections_total")
                        .append(labels)
                        .append(cameras.connections(camera.id()))
                        .append('\n');
                failing.append("examhall_gateway_archive_failing")
                        .append(labels)
                        .append(archive.failing() ? 1 : 0)
                        .append('\n');
                failures.append("examhall_gateway_archive_failures_total")
                        .append(labels)
                        .append(archive.failures())
                        .append('\n');
            }
        }
        return online.append(connections)
                .append(failing)
                .append(failures)
                .append(backlog(config.site(), backlog.figures()))
                .toString();
    }

    /** The archive files staged locally until the object store confirms them; all 0 with the local store. */
    private static StringBuilder backlog(String site, UploadBacklog.Figures figures) {
        String labels = "{site=\"" + site + "\"} ";
        return header(
                        "examhall_gateway_archive_backlog_segments",
                        "gauge",
                        "archive segments on local disk waiting for the object store")
                .append("examhall_gateway_archive_backlog_segments")
                .append(labels)
                .append(figures.segments())
                .append('\n')
                .append(header("examhall_gateway_archive_backlog_bytes", "gauge", "bytes of the files waiting"))
                .append("examhall_gateway_archive_backlog_bytes")
                .append(labels)
                .append(figures.bytes())
                .append('\n')
                .append(header(
                        "examhall_gateway_archive_upload_failures_total",
                        "counter",
                        "uploads to the object store that failed (retried)"))
                .append("examhall_gateway_archive_upload_failures_total")
                .append(labels)
                .append(figures.failures())
                .append('\n')
                .append(header(
                        "examhall_gateway_archive_backlog_oldest_seconds",
                        "gauge",
                        "how long the oldest waiting file (segment, manifest) has waited, 0 when none does"))
                .append("examhall_gateway_archive_backlog_oldest_seconds")
                .append(labels)
                .append(figures.oldestWaitingSeconds())
                .append('\n');
    }

    private static StringBuilder header(String name, String type, String help) {
        return new StringBuilder("# HELP ")
                .append(name)
                .append(' ')
                .append(help)
                .append("\n# TYPE ")
                .append(name)
                .append(' ')
                .append(type)
                .append('\n');
    }
}
