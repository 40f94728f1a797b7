#!/usr/bin/python3
"""A camera-like RTSP server that is not ours: GStreamer's RTSP server serving a Matroska file in real time.

The file is re-muxed, never re-encoded, so the gateway sees exactly the bitstream ffmpeg wrote (B-frames,
H.265, G.711 and all). The pipeline is chosen from --video/--audio rather than by decodebin, because
decodebin would decode and the payloaders need the compressed stream.

Prints "READY rtsp://127.0.0.1:PORT/MOUNT" once listening; exits 0 on SIGTERM or SIGINT.
Run it with Debian's /usr/bin/python3: it needs python3-gi and gir1.2-gst-rtsp-server-1.0.
"""
import argparse
import signal
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402

VIDEO = {
    # config-interval=-1 repeats SPS/PPS (and VPS) before every key frame, as cameras do, so a client that
    # joins a shared stream late can still start decoding at the next key frame.
    "h264": "h264parse ! rtph264pay name=pay0 pt=96 config-interval=-1",
    "h265": "h265parse ! rtph265pay name=pay0 pt=96 config-interval=-1",
}
AUDIO = {
    "aac": "aacparse ! rtpmp4gpay name=pay1 pt=97",
    "pcma": "rtppcmapay name=pay1 pt=8",
    "pcmu": "rtppcmupay name=pay1 pt=0",
    "none": None,
}
PROTOCOLS = {
    "tcp": GstRtsp.RTSPLowerTrans.TCP,
    "udp": GstRtsp.RTSPLowerTrans.UDP,
    "tcp+udp": GstRtsp.RTSPLowerTrans.TCP | GstRtsp.RTSPLowerTrans.UDP,
}


def launch_line(path, video, audio):
    location = path.replace("\\", "\\\\").replace('"', '\\"')
    line = f'( filesrc location="{location}" ! matroskademux name=demux demux.video_0 ! queue ! {VIDEO[video]}'
    if AUDIO[audio]:
        line += f" demux.audio_0 ! queue ! {AUDIO[audio]}"
    return line + " )"


def loop_forever(media):
    """Plays the file again from the start whenever it ends, instead of ending the session.

    The end of the file is caught as EOS reaches the payloaders and dropped there: let through, it would make
    them send RTCP BYE, and clients stop. Everything before it has been sent by then (the path from payloader
    to network sink has no queue), so once every stream has ended, a flushing seek to 0 loses nothing. It does
    restart the pipeline's running time, so the RTP timestamps jump back to where the first play began, like a
    camera whose encoder restarted: a fault the gateway must survive, which is why this is no seamless loop.
    """
    element = media.get_element()
    payloaders = [element.get_by_name(f"pay{i}") for i in range(2)]
    pads = [p.get_static_pad("sink") for p in payloaders if p is not None]
    ended = set()

    def on_event(pad, info):
        event = info.get_event()
        if event.type == Gst.EventType.FLUSH_STOP:
            ended.discard(pad)
        elif event.type == Gst.EventType.EOS:
            ended.add(pad)
            if len(ended) == len(pads):
                ended.clear()
                GLib.idle_add(rewind)
            return Gst.PadProbeReturn.DROP
        return Gst.PadProbeReturn.OK

    def rewind():
        # Through the media, not the pipeline, so that it tracks the re-preroll the flush causes.
        media.seek(GstRtsp.rtsp_range_parse("npt=0-")[1])
        return GLib.SOURCE_REMOVE

    for pad in pads:
        pad.add_probe(Gst.PadProbeType.EVENT_DOWNSTREAM, on_event)


def make_auth(args):
    auth = GstRtspServer.RTSPAuth()
    token = GstRtspServer.RTSPToken()
    token.set_string("media.factory.role", args.user)
    if args.auth == "digest":
        auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
        auth.add_digest(args.user, args.password, token)
    else:
        auth.set_supported_methods(GstRtsp.RTSPAuthMethod.BASIC)
        auth.add_basic(GstRtspServer.RTSPAuth.make_basic(args.user, args.password), token)
    return auth


def make_factory(args):
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(launch_line(args.file, args.video, args.audio))
    factory.set_shared(args.shared)
    factory.set_protocols(PROTOCOLS[args.protocols])
    if args.loop:
        factory.connect("media-configure", lambda _, media: loop_forever(media))
    if args.user:
        # add_role() is variadic C and not callable from Python; the structure form is the same thing.
        factory.add_role_from_structure(Gst.Structure.from_string(
            f"{args.user}, media.factory.access=(boolean)true, media.factory.construct=(boolean)true")[0])
    return factory


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--file", required=True, help="Matroska file to serve")
    p.add_argument("--port", type=int, default=8554)
    p.add_argument("--video", choices=VIDEO, default="h264")
    p.add_argument("--audio", choices=AUDIO, default="aac")
    p.add_argument("--mount", action="append", help="mount point, repeatable (default /room)")
    p.add_argument("--loop", action="store_true", help="restart the file when it ends")
    p.add_argument("--protocols", choices=PROTOCOLS, default="tcp+udp")
    p.add_argument("--shared", action="store_true", help="all clients of a mount share one pipeline")
    p.add_argument("--user")
    p.add_argument("--password", default="")
    p.add_argument("--auth", choices=["basic", "digest"], default="basic")
    return p.parse_args()


def main():
    args = parse_args()
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(args.port))
    if args.user:
        server.set_auth(make_auth(args))
    mounts = server.get_mount_points()
    paths = args.mount or ["/room"]
    for path in paths:
        mounts.add_factory(path, make_factory(args))
    if server.attach(None) == 0:
        print(f"FAILED cannot listen on 127.0.0.1:{args.port}", flush=True)
        return 2
    loop = GLib.MainLoop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, sig, loop.quit)
    for path in paths:
        print(f"READY rtsp://127.0.0.1:{server.get_bound_port()}{path}", flush=True)
    loop.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
