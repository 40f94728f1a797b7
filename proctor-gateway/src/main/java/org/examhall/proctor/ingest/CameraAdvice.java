package org.examhall.proctor.ingest;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_FORBIDDEN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_NOT_FOUND;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_HTTP_UNAUTHORIZED;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;

/**
 * What a site operator should do about a camera that cannot be recorded, in Chinese and English. The
 * operator reads the log or the console, not FFmpeg's source, so each common failure is named with its
 * remedy; the raw error stays in the same line for whoever reports it.
 */
public record CameraAdvice(String zh, String en) {

    private static final int EPROTONOSUPPORT = 93;
    private static final int ECONNREFUSED = 111;
    private static final int ETIMEDOUT = 110;
    private static final int ENETUNREACH = 101;
    private static final int EHOSTUNREACH = 113;
    private static final int ECONNRESET = 104;

    public static CameraAdvice forFailure(Throwable failure) {
        int code = failure instanceof FfmpegException f ? f.code() : 0;
        if (code == AVERROR_HTTP_UNAUTHORIZED) {
            return new CameraAdvice(
                    "摄像头拒绝了用户名或密码：在源地址 rtsp://用户名:密码@… 中填写摄像头的账号",
                    "the camera refused the user name or password: put the camera's account in the source URL as rtsp://user:password@…");
        }
        if (code == AVERROR_HTTP_FORBIDDEN) {
            return new CameraAdvice(
                    "摄像头禁止该账号取流：在摄像头上为该账号开启预览（RTSP）权限",
                    "the camera forbids this account to stream: allow live view (RTSP) for it in the camera's settings");
        }
        if (code == AVERROR_HTTP_NOT_FOUND) {
            return new CameraAdvice(
                    "摄像头上没有这个流路径：核对通道路径（如 /Streaming/Channels/101）",
                    "the camera has no stream at this path: check the channel path (for example /Streaming/Channels/101)");
        }
        if (code == -EPROTONOSUPPORT) {
            return new CameraAdvice(
                    "服务器不支持所选的 RTSP 传输方式：去掉 rtsp_transport 选项（自动：先 TCP 后 UDP），或设为 udp",
                    "the server does not offer the chosen RTSP transport: remove the rtsp_transport option (auto: TCP, then UDP) or set it to udp");
        }
        if (code == -ECONNREFUSED) {
            return new CameraAdvice(
                    "连接被拒绝：核对地址和端口，确认摄像头或流媒体服务已开机并开启了 RTSP",
                    "connection refused: check the address and port, and that the camera or stream server is on with RTSP enabled");
        }
        if (code == -ETIMEDOUT || code == -ENETUNREACH || code == -EHOSTUNREACH) {
            return new CameraAdvice(
                    "网络不通：检查网线、交换机和防火墙，确认网关能访问摄像头地址",
                    "network unreachable: check the cabling, switch and firewall, and that the gateway can reach the camera's address");
        }
        if (code == -ECONNRESET) {
            return new CameraAdvice(
                    "摄像头断开了连接（重启或并发取流数已满）：网关会自动重连；反复出现时减少同时取流的客户端",
                    "the camera closed the connection (restarted, or too many viewers): the gateway reconnects; if it repeats, reduce other clients");
        }
        if (code == AVERROR_INVALIDDATA) {
            return new CameraAdvice(
                    "收到的数据无法解析：核对源类型（rtsp、udp-ts、rtmp-listen、srt-listen）与编码器设置是否一致",
                    "the data received cannot be parsed: check that the source type (rtsp, udp-ts, rtmp-listen, srt-listen) matches the encoder");
        }
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        if (message.startsWith("no data")) {
            return new CameraAdvice(
                    "长时间收不到画面：检查摄像头供电和网络；RTP over UDP 时还需防火墙放行 UDP 端口",
                    "no media for too long: check the camera's power and network; with RTP over UDP the firewall must also pass UDP");
        }
        return new CameraAdvice(
                "摄像头无法录制：网关会自动重连；若持续出现，请用 ffprobe 检查该地址并查看本行的错误",
                "the camera cannot be recorded: the gateway keeps reconnecting; if it persists, check the URL with ffprobe and read the error on this line");
    }

    /** When the stream simply ended (a server that stopped, a camera about to reboot). */
    public static CameraAdvice endOfStream() {
        return new CameraAdvice(
                "服务器结束了流（重启或停止推流）：网关会自动重连",
                "the server ended the stream (restarting or stopped): the gateway reconnects");
    }
}
