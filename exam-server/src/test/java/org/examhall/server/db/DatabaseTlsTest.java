package org.examhall.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database URL's {@code sslmode} against a real PostgreSQL serving TLS with a certificate for
 * {@code localhost} signed by a test CA (made by Debian's {@code openssl}): the request path's client and
 * Flyway's JDBC both encrypt, verify-full checks the CA and the host name, require only encrypts.
 */
class DatabaseTlsTest {

    @TempDir
    static Path certs;

    private static EmbeddedPostgres postgres;
    private Vertx vertx;

    @BeforeAll
    static void startPostgresWithTls() throws Exception {
        openssl(
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=examhall test CA",
                "-keyout",
                "ca.key",
                "-out",
                "ca.crt");
        openssl(
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=another CA",
                "-keyout",
                "other.key",
                "-out",
                "other.crt");
        openssl(
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-subj",
                "/CN=localhost",
                "-keyout",
                "server.key",
                "-out",
                "server.csr");
        Files.writeString(certs.resolve("san.ext"), "subjectAltName=DNS:localhost\n");
        openssl(
                "x509",
                "-req",
                "-in",
                "server.csr",
                "-CA",
                "ca.crt",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-days",
                "2",
                "-extfile",
                "san.ext",
                "-out",
                "server.crt");
        // PostgreSQL refuses a key file that others can read.
        Files.setPosixFilePermissions(certs.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", certs.resolve("server.crt").toString())
                .setServerConfig("ssl_key_file", certs.resolve("server.key").toString())
                .start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void verifyFullEncryptsOnBothPathsWithTheRightCaAndHostName() throws Exception {
        DatabaseEndpoint endpoint = endpoint("localhost", "sslmode=verify-full&sslrootcert=" + certs.resolve("ca.crt"));

        assertThat(encryptedReactive(endpoint)).isTrue();
        assertThat(encryptedJdbc(endpoint)).isTrue();
    }

    @Test
    void verifyFullRefusesAnotherCaAndAHostTheCertificateDoesNotName() {
        DatabaseEndpoint otherCa =
                endpoint("localhost", "sslmode=verify-full&sslrootcert=" + certs.resolve("other.crt"));
        DatabaseEndpoint otherName =
                endpoint("127.0.0.1", "sslmode=verify-full&sslrootcert=" + certs.resolve("ca.crt"));

        assertThatThrownBy(() -> encryptedReactive(otherCa)).hasStackTraceContaining("SSL handshake failed");
        assertThatThrownBy(() -> encryptedJdbc(otherCa)).hasStackTraceContaining("PKIX path");
        assertThatThrownBy(() -> encryptedReactive(otherName)).hasStackTraceContaining("SSL handshake failed");
        assertThatThrownBy(() -> encryptedJdbc(otherName))
                .hasStackTraceContaining("hostname 127.0.0.1 could not be verified");
    }

    @Test
    void requireEncryptsWithoutCheckingTheCertificateUnlessGivenARoot() throws Exception {
        DatabaseEndpoint require = endpoint("127.0.0.1", "sslmode=require");
        DatabaseEndpoint requireWithOtherRoot =
                endpoint("127.0.0.1", "sslmode=require&sslrootcert=" + certs.resolve("other.crt"));

        assertThat(encryptedReactive(require)).isTrue();
        assertThat(encryptedJdbc(require)).isTrue();
        assertThatThrownBy(() -> encryptedReactive(requireWithOtherRoot))
                .hasStackTraceContaining("SSL handshake failed");
        assertThatThrownBy(() -> encryptedJdbc(requireWithOtherRoot)).hasStackTraceContaining("PKIX path");
    }

    private static DatabaseEndpoint endpoint(String host, String parameters) {
        return DatabaseEndpoint.parse(
                "postgresql://postgres@" + host + ":" + postgres.getPort() + "/postgres?" + parameters, null, null);
    }

    private boolean encryptedReactive(DatabaseEndpoint endpoint) throws Exception {
        Pool pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(1))
                .connectingTo(new PrimaryHost(vertx, endpoint)::connectOptions)
                .using(vertx)
                .build();
        try {
            return pool.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                    .execute()
                    .await(10, TimeUnit.SECONDS)
                    .iterator()
                    .next()
                    .getBoolean(0);
        } finally {
            pool.close().await(10, TimeUnit.SECONDS);
        }
    }

    private static boolean encryptedJdbc(DatabaseEndpoint endpoint) throws Exception {
        try (Connection connection = DriverManager.getConnection(endpoint.jdbcUrl(), "postgres", null);
                ResultSet ssl = connection
                        .createStatement()
                        .executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            ssl.next();
            return ssl.getBoolean(1);
        }
    }

    private static void openssl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .directory(certs.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("openssl %s: %s", arguments[0], output).isZero();
    }
}
