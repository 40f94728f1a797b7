package org.examhall.proctor.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A camera's RTSP server, enough for FFmpeg's RTSP demuxer: OPTIONS, DESCRIBE, SETUP (TCP interleaved only,
 * which is what the gateway asks for), PLAY, TEARDOWN (RFC 2326). It serves an MPEG-TS file as RTP payload
 * type 33 (RFC 2250: seven 188-byte TS packets per RTP packet), paced in real time by the file's PCR. Test
 * only: no RTSP server package exists on this machine.
 *
 * <p>{@link #close()} drops everything at once, like a camera losing power; {@link #freeze()} keeps the
 * connections open but stops sending, like a camera whose encoder hangs.
 */
public final class RtspTestServer implements AutoCloseable {

    private static final int TS_PACKET = 188;
    private static final int TS_PER_RTP = 7;
    private static final int PAYLOAD_TYPE_MP2T = 33;

    private final ServerSocket listener;
    private final byte[] stream;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private final AtomicInteger plays = new AtomicInteger();
    private volatile boolean frozen;
    private volatile boolean closed;

    private RtspTestServer(int port, Path tsFile) throws IOException {
        this.stream = Files.readAllBytes(tsFile);
        this.listener = new ServerSocket(port, 8, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "rtsp-test-server-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static RtspTestServer start(int port, Path tsFile) throws IOException {
        return new RtspTestServer(port, tsFile);
    }

    public String url() {
        return "rtsp://127.0.0.1:" + listener.getLocalPort() + "/room1/cam1";
    }

    /** How many PLAY requests were answered: one per connection the client made. */
    public int plays() {
        return plays.get();
    }

    /** Stops sending on the connections open now; connections made later are served normally. */
    public void freeze() {
        frozen = true;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket socket = listener.accept();
                clients.add(socket);
                Thread session = new Thread(() -> serve(socket), "rtsp-test-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        Sender sender = null;
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                int first = in.read();
                if (first < 0) {
                    return;
                }
                if (first == '$') {
                    // Interleaved data from the client (RTCP receiver reports): channel, length, payload.
                    in.read();
                    int length = (in.read() << 8) | in.read();
                    in.skipNBytes(length);
                    continue;
                }
                Map<String, String> headers = new HashMap<>();
                String requestLine = readHead(first, in, headers);
                String method = requestLine.substring(0, requestLine.indexOf(' '));
                String cseq = headers.getOrDefault("cseq", "0");
                in.skipNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
                switch (method) {
                    case "OPTIONS" -> reply(out, cseq, "Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\r\n", "");
                    case "DESCRIBE" -> {
                        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=examhall test camera\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                                + "m=video 0 RTP/AVP " + PAYLOAD_TYPE_MP2T + "\r\na=rtpmap:" + PAYLOAD_TYPE_MP2T + " MP2T/90000\r\n"
                                + "a=control:track0\r\n";
                        reply(out, cseq, "Content-Base: " + url() + "/\r\nContent-Type: application/sdp\r\n", sdp);
                    }
                    case "SETUP" -> {
                        if (!headers.getOrDefault("transport", "").contains("TCP")) {
                            status(out, cseq, "461 Unsupported Transport");
                        } else {
                            reply(out, cseq, "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\nSession: 20261125;timeout=60\r\n", "");
                        }
                    }
                    case "PLAY" -> {
                        reply(out, cseq, "Session: 20261125\r\nRange: npt=0.000-\r\n", "");
                        plays.incrementAndGet();
                        if (sender == null) {
                            sender = new Sender(out);
                            sender.start();
                        }
                    }
                    case "TEARDOWN" -> {
                        reply(out, cseq, "Session: 20261125\r\n", "");
                        return;
                    }
                    default -> status(out, cseq, "501 Not Implemented");
                }
            }
        } catch (IOException | RuntimeException e) {
            // The client went away or the server was closed: the session ends.
        } finally {
            clients.remove(socket);
            if (sender != null) {
                sender.interrupt();
            }
        }
    }

    private static String readHead(int first, InputStream in, Map<String, String> headers) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.write(first);
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside a request");
            }
            head.write(b);
        }
        String[] lines = head.toString(StandardCharsets.US_ASCII).split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return lines[0];
    }

    private static void reply(OutputStream out, String cseq, String headers, String body) throws IOException {
        String text = "RTSP/1.0 200 OK\r\nCSeq: " + cseq + "\r\n" + headers
                + (body.isEmpty() ? "" : "Content-Length: " + body.getBytes(StandardCharsets.US_ASCII).length + "\r\n")
                + "\r\n" + body;
        write(out, text.getBytes(StandardCharsets.US_ASCII));
    }

    private static void status(OutputStream out, String cseq, String status) throws IOException {
        write(out, ("RTSP/1.0 " + status + "\r\nCSeq: " + cseq + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** Responses and media share the one TCP connection: one writer at a time. */
    private static void write(OutputStream out, byte[] bytes) throws IOException {
        synchronized (out) {
            out.write(bytes);
            out.flush();
        }
    }

    /** Sends the file once over the session's connection, as RTP in interleaved frames on channel 0. */
    private final class Sender extends Thread {

        private final OutputStream out;
        private final boolean frozenAtStart = frozen;

        Sender(OutputStream out) {
            super("rtsp-test-sender");
            setDaemon(true);
            this.out = out;
        }

        @Override
        public void run() {
            long startNanos = System.nanoTime();
            long firstPcr = -1;
            long rtpTime = 0;
            int sequence = 0;
            for (int offset = 0; offset + TS_PACKET <= stream.length && !isInterrupted(); offset += TS_PACKET * TS_PER_RTP) {
                int packets = Math.min(TS_PER_RTP, (stream.length - offset) / TS_PACKET);
                for (int i = 0; i < packets; i++) {
                    long pcr = pcr(offset + i * TS_PACKET);
                    if (pcr >= 0) {
                        firstPcr = firstPcr < 0 ? pcr : firstPcr;
                        rtpTime = pcr - firstPcr;
                        // Real time: hold each packet until its PCR is due.
                        LockSupport.parkNanos(startNanos + rtpTime * 1_000_000_000L / 90_000 - System.nanoTime());
                    }
                }
                while (frozen && !frozenAtStart && !isInterrupted()) {
                    LockSupport.parkNanos(50_000_000L);
                }
                int payload = packets * TS_PACKET;
                byte[] frame = new byte[4 + 12 + payload];
                frame[0] = '$';
                frame[1] = 0;
                frame[2] = (byte) ((12 + payload) >> 8);
                frame[3] = (byte) (12 + payload);
                frame[4] = (byte) 0x80;
                frame[5] = PAYLOAD_TYPE_MP2T;
                frame[6] = (byte) (sequence >> 8);
                frame[7] = (byte) sequence;
                for (int b = 0; b < 4; b++) {
                    frame[8 + b] = (byte) (rtpTime >> (24 - 8 * b));
                    frame[12 + b] = (byte) (0x45584148 >> (24 - 8 * b));
                }
                System.arraycopy(stream, offset, frame, 16, payload);
                sequence = (sequence + 1) & 0xFFFF;
                try {
                    write(out, frame);
                } catch (IOException e) {
                    return;
                }
            }
        }

        /** The packet's program clock reference in 90 kHz units, or -1 when it carries none. */
        private long pcr(int at) {
            boolean adaptation = (stream[at + 3] & 0x20) != 0;
            if (!adaptation || (stream[at + 4] & 0xFF) < 7 || (stream[at + 5] & 0x10) == 0) {
                return -1;
            }
            return ((stream[at + 6] & 0xFFL) << 25) | ((stream[at + 7] & 0xFFL) << 17) | ((stream[at + 8] & 0xFFL) << 9)
                    | ((stream[at + 9] & 0xFFL) << 1) | ((stream[at + 10] & 0xFFL) >> 7);
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        for (Socket socket : clients) {
            socket.close();
        }
    }
}
