package org.examhall.server.health;

import io.vertx.ext.web.RoutingContext;
import org.examhall.server.http.ClientAddress;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Who may scrape /metrics: addresses in the configured ranges (loopback by default), or whoever
 * presents the configured bearer token. The figures name sessions and rooms, so they are not
 * public.
 */
public final class MetricsAccess {

  private final List<Range> ranges;
  private final String token;
  private final List<String> trustedProxies;

  public record Range(BigInteger network, BigInteger mask, int bytes) {
    boolean contains(byte[] address) {
      return address.length == bytes && new BigInteger(1, address).and(mask).equals(network);
    }
  }

  public MetricsAccess(List<String> cidrs, String token, List<String> trustedProxies) {
    this.ranges = cidrs.stream().map(MetricsAccess::range).toList();
    this.token = token == null || token.isBlank() ? null : token;
    this.trustedProxies = trustedProxies;
  }

  /** @throws IllegalArgumentException for a range that is not an address with a prefix length */
  public static Range range(String cidr) {
    String[] parts = cidr.trim().split("/");
    try {
      byte[] address = InetAddress.getByName(parts[0]).getAddress();
      int bits = address.length * 8;
      int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : bits;
      if (!parts[0].matches("[0-9A-Fa-f:.]+") || prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("not an address range: " + cidr);
      }
      BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
          .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
      return new Range(new BigInteger(1, address).and(mask), mask, address.length);
    } catch (UnknownHostException | NumberFormatException e) {
      throw new IllegalArgumentException("not an address range: " + cidr, e);
    }
  }

  public boolean allows(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    if (token != null && authorization != null && MessageDigest.isEqual(
        authorization.getBytes(StandardCharsets.UTF_8), ("Bearer " + token).getBytes(StandardCharsets.UTF_8))) {
      return true;
    }
    try {
      byte[] address = InetAddress.getByName(ClientAddress.of(ctx, trustedProxies)).getAddress();
      return ranges.stream().anyMatch(r -> r.contains(address));
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
