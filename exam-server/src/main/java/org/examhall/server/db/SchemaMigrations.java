package org.examhall.server.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings the schema to the version this build expects, with the migrations in {@code db/migration}. */
public final class SchemaMigrations {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);

    private SchemaMigrations() {}

    /** Blocking (JDBC): runs on a worker thread at start-up. */
    public static void migrate(DatabaseEndpoint endpoint) {
        MigrateResult result = Flyway.configure()
                .dataSource(endpoint.jdbcUrl(), endpoint.user(), endpoint.password())
                .locations("classpath:db/migration")
                .validateMigrationNaming(true)
                // During a rolling upgrade the previous release's nodes start on the schema a newer node
                // migrated: the migrations they have no file for are left alone (Flyway's default today, pinned).
                .ignoreMigrationPatterns("*:future")
                .load()
                .migrate();
        LOG.info("event=schema_migrated applied={} version={}", result.migrationsExecuted, result.targetSchemaVersion);
    }
}
