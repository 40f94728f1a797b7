package org.examhall.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.pgclient.PgConnectOptions;
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
}
