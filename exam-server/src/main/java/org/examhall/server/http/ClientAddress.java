package org.examhall.server.http;

import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.examhall.server.config.AddressRange;

/**
 * The address a request came from, for throttling and the audit log. Behind a reverse proxy
 * listed in {@code http.trustedProxies} (an address, or a range such as a Kubernetes ingress controller's
 * pod network), that is the last hop the proxy appended to X-Forwarded-For; a client's own
 * X-Forwarded-For is never believed, or it could pick any address.
 */
public final class ClientAddress {

    private ClientAddress() {}

    public static String of(RoutingContext ctx, List<String> trustedProxies) {
        String peer = ctx.request().remoteAddress() == null
                ? "unknown"
                : ctx.request().remoteAddress().hostAddress();
        String forwarded = ctx.request().getHeader("X-Forwarded-For");
        if (forwarded == null || !trusted(peer, trustedProxies)) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        String last = hops[hops.length - 1].trim();
        return last.isEmpty() ? peer : last;
    }

    /** The list is a handful of entries, checked at start-up ({@code ExamhallConfig.validate}). */
    private static boolean trusted(String peer, List<String> trustedProxies) {
        if (trustedProxies.isEmpty() || !peer.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            byte[] address = InetAddress.getByName(peer).getAddress();
            return trustedProxies.stream()
                    .anyMatch(proxy -> AddressRange.parse(proxy).contains(address));
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
