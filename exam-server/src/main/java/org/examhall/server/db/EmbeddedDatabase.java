package org.examhall.server.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import java.util.Optional;
import java.util.List;

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
      awaitPreviousServer(dataDirectory);
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

  /**
   * A node restarted at once over the same data directory can find the previous PostgreSQL still finishing its
   * shutdown (zonky's pg_ctl stop waits 5 s, less than a shutdown checkpoint can take with fsync on under load).
   * A new postmaster would then refuse the
   * lock and exit while the old one still answered on the port, and the start would wait out its whole timeout.
   */
  private static void awaitPreviousServer(Path dataDirectory) throws IOException {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
      return;
    }
    Optional<ProcessHandle> previous = ProcessHandle.of(Long.parseLong(lines.get(0).strip()));
    if (previous.isEmpty() || !previous.get().isAlive() || !previous.get().info().command().orElse("").contains("postgres")) {
      return;
    }
    LOG.info("event=embedded_db_waiting_for_previous dataDir={} pid={}", dataDirectory, previous.get().pid());
    try {
      previous.get().onExit().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("event=embedded_db_previous_still_running dataDir={} pid={}", dataDirectory, previous.get().pid());
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
