package org.examhall.server.db;

import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How the node talks TLS to PostgreSQL ({@code sslmode}, {@code sslrootcert} of the database URL), with
 * libpq's meaning: {@code require} encrypts and checks the server's certificate only against a given
 * root; {@code verify-full} checks the chain and that the certificate names the host. Without
 * {@code sslmode} the node keeps its former behaviour (no TLS on the request path, pgJDBC's default for
 * Flyway), which production mode allows only on loopback ({@link DatabaseEndpoint#tlsRefusal}).
 */
public record DatabaseTls(Mode mode, String rootCert) {

    public enum Mode {
        UNSET,
        DISABLE,
        REQUIRE,
        VERIFY_FULL;

        String urlValue() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static final DatabaseTls UNSET = new DatabaseTls(Mode.UNSET, null);

    public static DatabaseTls of(String sslmode, String rootCert) {
        Mode mode = sslmode == null ? Mode.UNSET : parseMode(sslmode);
        if (mode == Mode.VERIFY_FULL && rootCert == null) {
            throw new IllegalArgumentException(
                    "database URL: sslmode=verify-full needs sslrootcert=/path/to/root.crt, the CA that signed the server's certificate");
        }
        if (rootCert != null && (mode == Mode.UNSET || mode == Mode.DISABLE)) {
            throw new IllegalArgumentException(
                    "database URL: sslrootcert is only used with sslmode=require or sslmode=verify-full");
        }
        return new DatabaseTls(mode, rootCert);
    }

    private static Mode parseMode(String sslmode) {
        return switch (sslmode) {
            case "disable" -> Mode.DISABLE;
            case "require" -> Mode.REQUIRE;
            case "verify-full" -> Mode.VERIFY_FULL;
            default ->
                throw new IllegalArgumentException(
                        "database URL: sslmode must be disable, require or verify-full, got " + sslmode
                                + " (allow/prefer may fall back to plain text; verify-ca does not check the host name)");
        };
    }

    public boolean encrypted() {
        return mode == Mode.REQUIRE || mode == Mode.VERIFY_FULL;
    }

    void applyTo(PgConnectOptions options) {
        switch (mode) {
            case UNSET, DISABLE -> options.setSslMode(SslMode.DISABLE);
            case REQUIRE ->
                options.setSslMode(rootCert == null ? SslMode.REQUIRE : SslMode.VERIFY_CA)
                        .setSslOptions(
                                rootCert == null
                                        ? new ClientSSLOptions().setTrustAll(true)
                                        : new ClientSSLOptions()
                                                .setTrustOptions(new PemTrustOptions().addCertPath(rootCert)));
            case VERIFY_FULL ->
                options.setSslMode(SslMode.VERIFY_FULL)
                        .setSslOptions(new ClientSSLOptions()
                                .setTrustOptions(new PemTrustOptions().addCertPath(rootCert))
                                .setHostnameVerificationAlgorithm("HTTPS"));
        }
    }

    /**
     * pgJDBC's parameters, each as {@code &name=value}; empty when unset (pgJDBC's own default). pgJDBC's
     * require never checks the certificate, so require with a root certificate is its verify-ca, as in libpq.
     */
    String jdbcParameters() {
        return switch (mode) {
            case UNSET -> "";
            case DISABLE -> "&sslmode=disable";
            case REQUIRE -> rootCert == null ? "&sslmode=require" : "&sslmode=verify-ca" + rootCertParameter();
            case VERIFY_FULL -> "&sslmode=verify-full" + rootCertParameter();
        };
    }

    /** As written in the database URL, for logs. */
    String urlParameters() {
        return mode == Mode.UNSET ? "" : "&sslmode=" + mode.urlValue() + (rootCert == null ? "" : rootCertParameter());
    }

    private String rootCertParameter() {
        return "&sslrootcert=" + URLEncoder.encode(rootCert, StandardCharsets.UTF_8);
    }
}
