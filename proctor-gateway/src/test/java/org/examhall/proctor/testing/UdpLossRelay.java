package org.examhall.proctor.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A lossy network between a UDP encoder and the gateway: forwards every datagram from a loopback port to another,
 * except during a burst of loss asked for with {@link #dropNext(Duration)}. Meant for plain MPEG-TS over UDP (the
 * gateway's udp-ts sources): RTSP negotiates its UDP ports in SETUP, so a relay cannot sit in front of it.
 */
public final class UdpLossRelay implements AutoCloseable {

    private final DatagramSocket socket;
    private final InetSocketAddress target;
    private final Thread thread;
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile long dropUntilNanos = System.nanoTime();

    private UdpLossRelay(int listenPort, int targetPort) throws SocketException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        socket = new DatagramSocket(new InetSocketAddress(loopback, listenPort));
        // An encoder's bursts (a key frame is dozens of datagrams at once) must not overflow the relay instead.
        socket.setReceiveBufferSize(4 << 20);
        target = new InetSocketAddress(loopback, targetPort);
        thread = new Thread(this::relay, "udp-loss-relay-" + listenPort);
        thread.setDaemon(true);
        thread.start();
    }

    public static UdpLossRelay start(int listenPort, int targetPort) throws SocketException {
        return new UdpLossRelay(listenPort, targetPort);
    }

    /** Drops every datagram that arrives within {@code duration} from now. */
    public void dropNext(Duration duration) {
        dropUntilNanos = System.nanoTime() + duration.toNanos();
    }

    public long forwarded() {
        return forwarded.get();
    }

    public long dropped() {
        return dropped.get();
    }

    private void relay() {
        DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
        while (!socket.isClosed()) {
            try {
                packet.setLength(65_536);
                socket.receive(packet);
                if (System.nanoTime() - dropUntilNanos < 0) {
                    dropped.incrementAndGet();
                    continue;
                }
                packet.setSocketAddress(target);
                socket.send(packet);
                forwarded.incrementAndGet();
            } catch (IOException e) {
                // Closed, or the gateway's port is not open (ICMP unreachable): keep relaying until closed.
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(2000);
    }
}
