package org.examhall.server.config;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address range such as {@code 10.0.0.0/8}, as {@code http.metricsAllowFrom} lists
 * them. It is parsed here, beside the configuration, so that a range that is not one stops the node
 * at start-up, naming the setting, rather than at the first scrape.
 */
public record AddressRange(BigInteger network, BigInteger mask, int bytes) {

    /** @throws IllegalArgumentException for a range that is not an address with a prefix length */
    public static AddressRange parse(String cidr) {
        String[] parts = cidr.trim().split("/");
        try {
            byte[] address = InetAddress.getByName(parts[0]).getAddress();
            int bits = address.length * 8;
            int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : bits;
            if (!parts[0].matches("[0-9A-Fa-f:.]+") || prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("not an address range: " + cidr);
            }
            BigInteger mask = BigInteger.ONE
                    .shiftLeft(bits)
                    .subtract(BigInteger.ONE)
                    .xor(BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE));
            return new AddressRange(new BigInteger(1, address).and(mask), mask, address.length);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not an address range: " + cidr, e);
        }
    }

    public boolean contains(byte[] address) {
        return address.length == bytes && new BigInteger(1, address).and(mask).equals(network);
    }
}
