package org.examhall.server.db;

import io.vertx.pgclient.PgConnectOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the database is, in the two forms the server needs: reactive connect options for the
 * request path and a JDBC URL for Flyway, which runs once at start-up on a worker thread.
 */
public record DatabaseEndpoint(String host, int port, String database, String user, String password) {

    /** Accepts {@code postgresql://user:pass@host:port/db} and {@code jdbc:postgresql://host:port/db}. */
    public static DatabaseEndpoint parse(String url, String user, String password) {
        String plain = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        URI uri = URI.create(plain.replaceFirst("^postgres(ql)?://", "postgresql://"));
        if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("database URL must look like postgresql://host:port/db");
        }
        String uriUser = null;
        String uriPassword = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            uriUser = decode(parts[0]);
            uriPassword = parts.length > 1 ? decode(parts[1]) : null;
        }
        String db = uri.getPath() == null || uri.getPath().length() <= 1
                ? "postgres"
                : uri.getPath().substring(1);
        return new DatabaseEndpoint(
                uri.getHost(),
                uri.getPort() > 0 ? uri.getPort() : 5432,
                db,
                user != null ? user : uriUser,
                password != null ? password : uriPassword);
    }

    public PgConnectOptions connectOptions() {
        PgConnectOptions options = new PgConnectOptions()
                .setHost(host)
                .setPort(port)
                .setDatabase(database)
                .setCachePreparedStatements(true)
                .setPipeliningLimit(256);
        if (user != null) {
            options.setUser(user);
        }
        if (password != null) {
            options.setPassword(password);
        }
        return options;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Never includes the password: this string goes into logs. */
    @Override
    public String toString() {
        return "postgresql://" + (user == null ? "" : user + "@") + host + ":" + port + "/" + database;
    }

    /** Percent-decoding only: in a URL's user-info '+' is a literal plus, not a space (RFC 3986, libpq). */
    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
