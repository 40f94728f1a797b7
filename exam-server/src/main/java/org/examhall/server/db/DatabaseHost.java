package org.examhall.server.db;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** One PostgreSQL server of the database URL. */
public record DatabaseHost(String host, int port) {

    public DatabaseHost {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("database URL: a host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("database URL: port of " + host + " must be 1..65535, got " + port);
        }
    }

    /** {@code host}, {@code host:port} or {@code [v6]:port}; the port defaults to 5432. */
    static DatabaseHost parse(String text) {
        String host = text;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("database URL: unclosed [ in host " + text);
            }
            host = text.substring(1, close);
            if (close + 1 < text.length()) {
                if (text.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("database URL: expected :port after [" + host + "]");
                }
                port = text.substring(close + 2);
            }
        } else if (text.indexOf(':') >= 0) {
            host = text.substring(0, text.indexOf(':'));
            port = text.substring(text.indexOf(':') + 1);
        }
        if (port == null || port.isEmpty()) {
            return new DatabaseHost(host, 5432);
        }
        try {
            return new DatabaseHost(host, Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("database URL: port of " + host + " must be a number, got " + port);
        }
    }

    /** Plain text is tolerable only on this machine; the name is not looked up, so no DNS at start-up. */
    boolean loopback() {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || isLoopbackLiteral();
    }

    private boolean isLoopbackLiteral() {
        if (!host.matches("[0-9a-fA-F:.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
