package org.examhall.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.UUID;
import org.examhall.server.testing.TestServer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node of the previous release starts on a schema a newer release migrated, as it must during a rolling
 * upgrade and after a rollback (docs/upgrades.md): the migration it does not know is left alone.
 */
class SchemaMigrationsTest {

    private static EmbeddedDatabase database;

    @BeforeAll
    static void startDatabase() {
        Path work =
                Path.of(System.getProperty("examhall.test.workdir", "target/test-work"), "schema-" + UUID.randomUUID());
        database = EmbeddedDatabase.start(work.resolve("pg"), TestServer.freePort());
        // The newer release: this build's migrations and one more.
        newerRelease().load().migrate();
    }

    @AfterAll
    static void stopDatabase() {
        if (database != null) {
            database.close();
        }
    }

    private static FluentConfiguration newerRelease() {
        DatabaseEndpoint endpoint = database.endpoint();
        return Flyway.configure()
                .dataSource(endpoint.jdbcUrl(), endpoint.user(), endpoint.password())
                .locations("classpath:db/migration", "classpath:db/later-release");
    }

    @Test
    void aNodeStartsOnASchemaANewerReleaseMigratedAndLeavesItAsItIs() throws Exception {
        SchemaMigrations.migrate(database.endpoint());

        DatabaseEndpoint endpoint = database.endpoint();
        try (Connection connection =
                        DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.user(), endpoint.password());
                ResultSet later = connection
                        .createStatement()
                        .executeQuery("SELECT count(*) FROM flyway_schema_history WHERE version = '9000'");
                ResultSet column = connection
                        .createStatement()
                        .executeQuery("SELECT later_release_note FROM exam_session LIMIT 1")) {
            later.next();
            assertThat(later.getInt(1)).isEqualTo(1);
            assertThat(column.getMetaData().getColumnName(1)).isEqualTo("later_release_note");
        }
    }

    /** What the node's configuration prevents: Flyway refusing a migration it has no file for. */
    @Test
    void withoutToleratingFutureMigrationsFlywayWouldRefuseToStart() {
        DatabaseEndpoint endpoint = database.endpoint();
        assertThatThrownBy(() -> Flyway.configure()
                        .dataSource(endpoint.jdbcUrl(), endpoint.user(), endpoint.password())
                        .locations("classpath:db/migration")
                        .ignoreMigrationPatterns("")
                        .load()
                        .migrate())
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("9000");
    }
}
