package org.examhall.server.db;

import io.vertx.pgclient.PgConnectOptions;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where the database is, in the two forms the server needs: reactive connect options for the
 * request path and a JDBC URL for Flyway, which runs once at start-up on a worker thread. Several
 * hosts are a primary and its standbys: the node writes, so it always connects to the one that is
 * primary now ({@link PrimaryHost}); pgJDBC finds it itself with {@code targetServerType=primary}.
 */
public record DatabaseEndpoint(
        List<DatabaseHost> hosts, String database, String user, String password, DatabaseTls tls) {

    public DatabaseEndpoint {
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("database URL: at least one host");
        }
    }

    /** One host, no TLS setting: the embedded database and a running demo's. */
    public DatabaseEndpoint(String host, int port, String database, String user, String password) {
        this(List.of(new DatabaseHost(host, port)), database, user, password, DatabaseTls.UNSET);
    }

    /**
     * Accepts {@code postgresql://user:pass@host:port,host2:port2/db?targetServerType=primary&sslmode=…} and
     * the same after {@code jdbc:}. Parameters: {@code targetServerType=primary} (or libpq's
     * {@code target_session_attrs=read-write}), the only kind a writing node can use and the default with
     * several hosts; {@code sslmode=disable|require|verify-full}; {@code sslrootcert=path}. Any other is refused.
     */
    public static DatabaseEndpoint parse(String url, String user, String password) {
        String plain = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        String rest;
        if (plain.startsWith("postgresql://")) {
            rest = plain.substring("postgresql://".length());
        } else if (plain.startsWith("postgres://")) {
            rest = plain.substring("postgres://".length());
        } else {
            throw new IllegalArgumentException("database URL must look like postgresql://host:port/db");
        }
        String query = "";
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        String uriUser = null;
        String uriPassword = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String[] parts = authority.substring(0, at).split(":", 2);
            uriUser = decode(parts[0]);
            uriPassword = parts.length > 1 ? decode(parts[1]) : null;
            authority = authority.substring(at + 1);
        }
        if (authority.isEmpty()) {
            throw new IllegalArgumentException("database URL must name a host: postgresql://host:port/db");
        }
        List<DatabaseHost> hosts = new ArrayList<>();
        for (String host : authority.split(",", -1)) {
            hosts.add(DatabaseHost.parse(host));
        }
        if (hosts.stream().distinct().count() < hosts.size()) {
            throw new IllegalArgumentException("database URL names a host twice: " + authority);
        }
        Map<String, String> parameters = parameters(query);
        requirePrimary(parameters);
        DatabaseTls tls = DatabaseTls.of(parameters.get("sslmode"), parameters.get("sslrootcert"));
        return new DatabaseEndpoint(
                hosts,
                path.isEmpty() ? "postgres" : decode(path),
                user != null ? user : uriUser,
                password != null ? password : uriPassword,
                tls);
    }

    private static Map<String, String> parameters(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            String[] nameValue = pair.split("=", 2);
            String name = decode(nameValue[0]);
            if (!List.of("targetServerType", "target_session_attrs", "sslmode", "sslrootcert")
                    .contains(name)) {
                throw new IllegalArgumentException("database URL: unknown parameter " + name
                        + " (known: targetServerType, target_session_attrs, sslmode, sslrootcert)");
            }
            if (nameValue.length < 2 || nameValue[1].isEmpty()) {
                throw new IllegalArgumentException("database URL: parameter " + name + " needs a value");
            }
            parameters.put(name, decode(nameValue[1]));
        }
        return parameters;
    }

    private static void requirePrimary(Map<String, String> parameters) {
        String target = parameters.get("targetServerType");
        if (target != null && !target.equals("primary")) {
            throw new IllegalArgumentException("database URL: targetServerType must be primary, got " + target
                    + " (the node writes: a standby or any server will not do)");
        }
        String attrs = parameters.get("target_session_attrs");
        if (attrs != null && !attrs.equals("read-write") && !attrs.equals("primary")) {
            throw new IllegalArgumentException("database URL: target_session_attrs must be read-write or primary, got "
                    + attrs + " (the node writes: a standby or any server will not do)");
        }
    }

    /** Options for one of the hosts. */
    public PgConnectOptions connectOptions(DatabaseHost host) {
        PgConnectOptions options = new PgConnectOptions()
                .setHost(host.host())
                .setPort(host.port())
                .setDatabase(database)
                .setCachePreparedStatements(true)
                .setPipeliningLimit(256);
        if (user != null) {
            options.setUser(user);
        }
        if (password != null) {
            options.setPassword(password);
        }
        tls.applyTo(options);
        return options;
    }

    /** The first host's name: the only one of a single-host URL such as the embedded database's. */
    public String host() {
        return hosts.get(0).host();
    }

    /** The first host's port. */
    public int port() {
        return hosts.get(0).port();
    }

    /** Options for the first host: enough when there is one. */
    public PgConnectOptions connectOptions() {
        return connectOptions(hosts.get(0));
    }

    public String jdbcUrl() {
        String target = hosts.size() > 1 ? "&targetServerType=primary" : "";
        return withParameters("jdbc:postgresql://" + hostList() + "/" + database, target + tls.jdbcParameters());
    }

    /**
     * Why production mode refuses this endpoint, if it does: a host beyond loopback without {@code sslmode}
     * would carry candidates' answers and personal data in plain text. Writing {@code sslmode=disable}
     * is a decision (a private link, an IPsec tunnel) and is accepted.
     */
    public Optional<String> plainTextRefusal() {
        List<DatabaseHost> remote =
                hosts.stream().filter(host -> !host.loopback()).toList();
        if (remote.isEmpty() || tls.mode() != DatabaseTls.Mode.UNSET) {
            return Optional.empty();
        }
        return Optional.of("database.url (EXAMHALL_DB_URL) reaches "
                + remote.stream().map(DatabaseHost::toString).collect(Collectors.joining(","))
                + " beyond loopback without sslmode: add ?sslmode=verify-full&sslrootcert=/path/root.crt (or sslmode=require), "
                + "or write sslmode=disable if the link is protected otherwise (docs/postgresql.md, TLS)");
    }

    private String hostList() {
        return hosts.stream().map(DatabaseHost::toString).collect(Collectors.joining(","));
    }

    private static String withParameters(String base, String parameters) {
        return parameters.isEmpty() ? base : base + "?" + parameters.substring(1);
    }

    /** Never includes the password: this string goes into logs. */
    @Override
    public String toString() {
        String target = hosts.size() > 1 ? "&targetServerType=primary" : "";
        return withParameters(
                "postgresql://" + (user == null ? "" : user + "@") + hostList() + "/" + database,
                target + tls.urlParameters());
    }

    /** Percent-decoding only: in a URL's user-info '+' is a literal plus, not a space (RFC 3986, libpq). */
    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
