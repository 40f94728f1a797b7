package org.examhall.server.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started from the zonky binaries, with its data directory under the
 * node's data dir so that stopping and starting the demo keeps every record.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /** Blocking: call from a worker thread or before Vert.x starts. */
    public static EmbeddedDatabase start(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Durability is the point of the exam server: keep PostgreSQL's defaults for fsync and
                    // synchronous commit, which zonky would otherwise relax for test speed.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "200");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            LOG.info("event=embedded_db_started dataDir={} port={}", dataDirectory, postgres.getPort());
            return new EmbeddedDatabase(postgres, dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    public DatabaseEndpoint endpoint() {
        return new DatabaseEndpoint("localhost", postgres.getPort(), "postgres", "postgres", null);
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() {
        try {
            postgres.close();
            LOG.info("event=embedded_db_stopped dataDir={}", dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
