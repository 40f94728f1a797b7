package org.examhall.proctor.live;

import java.util.Map;
import org.examhall.proctor.config.GatewayConfig;
import org.examhall.proctor.config.RoomConfig;
import org.examhall.proctor.config.SourceConfig;

/**
 * The gateway's state in Prometheus' text format, for the operator's alerting: a camera offline or an archive
 * failing is what must page someone before an exam day's record is lost.
 */
final class GatewayMetrics {

    private GatewayMetrics() {}

    static String render(GatewayConfig config, Map<String, CameraStatus> status) {
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
        return online.append(connections).append(failing).append(failures).toString();
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
