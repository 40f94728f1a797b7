package org.examhall.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import org.junit.jupiter.api.Test;

class DatabaseEndpointTest {

    @Test
    void aPostgresqlUrlGivesHostPortDatabaseUserAndDecodedPassword() {
        DatabaseEndpoint endpoint = DatabaseEndpoint.parse("postgresql://u:p%40ss@h:5433/exam", null, null);

        assertThat(endpoint).isEqualTo(new DatabaseEndpoint("h", 5433, "exam", "u", "p@ss"));
    }

    @Test
    void aJdbcUrlWithoutPortOrCredentialsUsesPort5432() {
        DatabaseEndpoint endpoint = DatabaseEndpoint.parse("jdbc:postgresql://h/db", null, null);

        assertThat(endpoint).isEqualTo(new DatabaseEndpoint("h", 5432, "db", null, null));
        assertThat(endpoint.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db");
    }

    @Test
    void thePostgresSchemeAliasAndAMissingDatabaseAreAccepted() {
        assertThat(DatabaseEndpoint.parse("postgres://h:6000", null, null))
                .isEqualTo(new DatabaseEndpoint("h", 6000, "postgres", null, null));
        assertThat(DatabaseEndpoint.parse("postgresql://h:6000/", null, null).database())
                .isEqualTo("postgres");
    }

    @Test
    void separatelyConfiguredUserAndPasswordWinOverTheUrls() {
        DatabaseEndpoint endpoint = DatabaseEndpoint.parse("postgresql://u:url-pass@h/exam", "exam_app", "env-pass");

        assertThat(endpoint.user()).isEqualTo("exam_app");
        assertThat(endpoint.password()).isEqualTo("env-pass");
    }

    @Test
    void aPlusInThePasswordIsKeptLiterally() {
        // In a URL's user-info '+' is an ordinary character (RFC 3986, libpq); only %2B-style escapes are decoded.
        // Generated passwords (Base64) often contain '+'.
        DatabaseEndpoint endpoint = DatabaseEndpoint.parse("postgresql://exam:a+b%2Bc@h/exam", null, null);

        assertThat(endpoint.password()).isEqualTo("a+b+c");
    }

    @Test
    void toStringNeverContainsThePassword() {
        DatabaseEndpoint endpoint = DatabaseEndpoint.parse("postgresql://u:p%40ss@h:5433/exam", null, null);

        assertThat(endpoint.toString())
                .isEqualTo("postgresql://u@h:5433/exam")
                .doesNotContain("p@ss")
                .doesNotContain("p%40ss");
        assertThat(endpoint.jdbcUrl()).doesNotContain("p@ss");
    }

    @Test
    void connectOptionsCarryEveryPart() {
        PgConnectOptions options = DatabaseEndpoint.parse("postgresql://u:p%40ss@h:5433/exam", null, null)
                .connectOptions();

        assertThat(options.getHost()).isEqualTo("h");
        assertThat(options.getPort()).isEqualTo(5433);
        assertThat(options.getDatabase()).isEqualTo("exam");
        assertThat(options.getUser()).isEqualTo("u");
        assertThat(options.getPassword()).isEqualTo("p@ss");
    }

    @Test
    void urlsOfOtherDatabasesOrWithoutHostAreRefused() {
        assertThatThrownBy(() -> DatabaseEndpoint.parse("mysql://h:3306/exam", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postgresql://");
        assertThatThrownBy(() -> DatabaseEndpoint.parse("postgresql:///exam", null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void severalHostsArePrimaryAndStandbysAndFlywayFindsThePrimaryItself() {
        DatabaseEndpoint endpoint = DatabaseEndpoint.parse(
                "postgresql://exam@db1:5432,db2:5433/exam?targetServerType=primary&sslmode=verify-full"
                        + "&sslrootcert=/etc/examhall/db%20root.crt",
                null, null);

        assertThat(endpoint.hosts()).containsExactly(new DatabaseHost("db1", 5432), new DatabaseHost("db2", 5433));
        assertThat(endpoint.database()).isEqualTo("exam");
        assertThat(endpoint.tls())
                .isEqualTo(new DatabaseTls(DatabaseTls.Mode.VERIFY_FULL, "/etc/examhall/db root.crt"));
        assertThat(endpoint.jdbcUrl())
                .isEqualTo("jdbc:postgresql://db1:5432,db2:5433/exam?targetServerType=primary&sslmode=verify-full"
                        + "&sslrootcert=%2Fetc%2Fexamhall%2Fdb+root.crt");
        assertThat(endpoint.connectOptions(endpoint.hosts().get(1)).getPort()).isEqualTo(5433);
    }

    @Test
    void libpqsTargetSessionAttrsReadWriteMeansPrimaryAndSeveralHostsDefaultToIt() {
        assertThat(DatabaseEndpoint.parse("postgresql://db1,db2/exam?target_session_attrs=read-write", null, null)
                        .jdbcUrl())
                .isEqualTo("jdbc:postgresql://db1:5432,db2:5432/exam?targetServerType=primary");
        assertThat(DatabaseEndpoint.parse("postgresql://db1,[::1]:5433/exam", null, null)
                        .hosts())
                .containsExactly(new DatabaseHost("db1", 5432), new DatabaseHost("::1", 5433));
    }

    @Test
    void aTargetOtherThanThePrimaryOrAnUnknownParameterIsRefused() {
        assertThatThrownBy(() -> DatabaseEndpoint.parse("postgresql://a,b/exam?targetServerType=any", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("targetServerType must be primary, got any");
        assertThatThrownBy(() ->
                        DatabaseEndpoint.parse("postgresql://a,b/exam?target_session_attrs=read-only", null, null))
                .hasMessageContaining("target_session_attrs must be read-write or primary, got read-only");
        assertThatThrownBy(() -> DatabaseEndpoint.parse("postgresql://a/exam?connect_timeout=5", null, null))
                .hasMessageContaining("unknown parameter connect_timeout");
        assertThatThrownBy(() -> DatabaseEndpoint.parse("postgresql://a:5432,a:5432/exam", null, null))
                .hasMessageContaining("names a host twice");
        assertThatThrownBy(() -> DatabaseEndpoint.parse("postgresql://a:x/exam", null, null))
                .hasMessageContaining("port of a must be a number");
    }

    @Test
    void sslModesMapOntoTheReactiveClientAndJdbc() {
        PgConnectOptions require = DatabaseEndpoint.parse("postgresql://h/exam?sslmode=require", null, null)
                .connectOptions();
        assertThat(require.getSslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(require.getSslOptions().isTrustAll()).isTrue();

        DatabaseEndpoint checked =
                DatabaseEndpoint.parse("postgresql://h/exam?sslmode=require&sslrootcert=/ca.crt", null, null);
        assertThat(checked.connectOptions().getSslMode()).isEqualTo(SslMode.VERIFY_CA);
        assertThat(checked.jdbcUrl()).endsWith("?sslmode=verify-ca&sslrootcert=%2Fca.crt");

        PgConnectOptions full = DatabaseEndpoint.parse(
                        "postgresql://h/exam?sslmode=verify-full&sslrootcert=/ca.crt", null, null)
                .connectOptions();
        assertThat(full.getSslMode()).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(full.getSslOptions().getHostnameVerificationAlgorithm()).isEqualTo("HTTPS");
        assertThat(full.getSslOptions().getTrustOptions()).isInstanceOf(PemTrustOptions.class);

        assertThat(DatabaseEndpoint.parse("postgresql://h/exam?sslmode=disable", null, null)
                        .jdbcUrl())
                .endsWith("/exam?sslmode=disable");
        assertThat(DatabaseEndpoint.parse("postgresql://h/exam", null, null)
                        .connectOptions()
                        .getSslMode())
                .isEqualTo(SslMode.DISABLE);
    }

    @Test
    void sslModesThatCouldFallBackOrCannotCheckAreRefused() {
        assertThatThrownBy(() -> DatabaseEndpoint.parse("postgresql://h/exam?sslmode=prefer", null, null))
                .hasMessageContaining("sslmode must be disable, require or verify-full, got prefer");
        assertThatThrownBy(() -> DatabaseEndpoint.parse("postgresql://h/exam?sslmode=verify-full", null, null))
                .hasMessageContaining("verify-full needs sslrootcert");
        assertThatThrownBy(() -> DatabaseEndpoint.parse("postgresql://h/exam?sslrootcert=/ca.crt", null, null))
                .hasMessageContaining("sslrootcert is only used with");
    }

    @Test
    void plainTextIsRefusedBeyondLoopbackUnlessWrittenDown() {
        assertThat(DatabaseEndpoint.parse("postgresql://127.0.0.1:5432,localhost:5433/exam", null, null)
                        .plainTextRefusal())
                .isEmpty();
        assertThat(DatabaseEndpoint.parse("postgresql://[::1]/exam", null, null).plainTextRefusal())
                .isEmpty();
        assertThat(DatabaseEndpoint.parse("postgresql://127.0.0.1,10.0.0.2/exam", null, null)
                        .plainTextRefusal())
                .get()
                .asString()
                .contains("10.0.0.2:5432 beyond loopback without sslmode")
                .doesNotContain("127.0.0.1");
        assertThat(DatabaseEndpoint.parse("postgresql://10.0.0.2/exam?sslmode=disable", null, null)
                        .plainTextRefusal())
                .isEmpty();
        assertThat(DatabaseEndpoint.parse("postgresql://db.example/exam?sslmode=require", null, null)
                        .plainTextRefusal())
                .isEmpty();
    }

    @Test
    void theLoggedFormKeepsHostsAndTlsButNoPassword() {
        assertThat(DatabaseEndpoint.parse(
                                "postgresql://u:secret@a:1,b:2/exam?target_session_attrs=read-write&sslmode=require",
                                null,
                                null)
                        .toString())
                .isEqualTo("postgresql://u@a:1,b:2/exam?targetServerType=primary&sslmode=require");
    }
}
