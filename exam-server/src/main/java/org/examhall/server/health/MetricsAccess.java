package org.examhall.server.health;

import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.examhall.server.config.AddressRange;
import org.examhall.server.http.ClientAddress;

/**
 * Who may scrape /metrics: addresses in the configured ranges (loopback by default), or whoever
 * presents the configured bearer token. The figures name sessions and rooms, so they are not
 * public.
 */
public final class MetricsAccess {

    private final List<AddressRange> ranges;
    private final String token;
    private final List<String> trustedProxies;

    public MetricsAccess(List<String> cidrs, String token, List<String> trustedProxies) {
        this.ranges = cidrs.stream().map(AddressRange::parse).toList();
        this.token = token == null || token.isBlank() ? null : token;
        this.trustedProxies = trustedProxies;
    }

    public boolean allows(RoutingContext ctx) {
        String authorization = ctx.request().getHeader("Authorization");
        if (token != null
                && authorization != null
                && MessageDigest.isEqual(
                        authorization.getBytes(StandardCharsets.UTF_8),
                        ("Bearer " + token).getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        try {
            byte[] address =
                    InetAddress.getByName(ClientAddress.of(ctx, trustedProxies)).getAddress();
            return ranges.stream().anyMatch(r -> r.contains(address));
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
