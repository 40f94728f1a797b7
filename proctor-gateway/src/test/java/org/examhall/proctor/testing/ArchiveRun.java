package org.examhall.proctor.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.examhall.proctor.archive.ArchiveHealth;
import org.examhall.proctor.archive.GapRecorder;
import org.examhall.proctor.archive.SegmentRecorder;
import org.examhall.proctor.cli.ArchiveVerifier;
import org.examhall.proctor.cli.VerificationReport;
import org.examhall.proctor.config.SourceConfig;
import org.examhall.proctor.ingest.CameraIngest;
import org.examhall.proctor.ingest.ConnectionListener;
import org.examhall.proctor.log.CameraRef;
import org.examhall.proctor.manifest.ManifestLine;
import org.examhall.proctor.manifest.ManifestReader;
import org.examhall.protocol.retry.Backoff;

/**
 * One camera recorded into a fresh archive exactly as the gateway wires it (ingest, segment recorder with its
 * health, gap recorder), for as long as a test streams to it; then the archive is read back and verified.
 */
public final class ArchiveRun implements AutoCloseable {

    public static final String ROOM = "room1";
    public static final String CAMERA = "cam1";

    /** A connection coming up ({@code up}) or going down, with its time. */
    public record Connection(Instant at, boolean up, String reason) {}

    private final TestArchive archive;
    private final CameraIngest ingest;
    private final Thread thread;
    private final GapRecorder gaps;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final List<String> archiveFailures = new CopyOnWriteArrayList<>();
    private boolean closed;

    public ArchiveRun(Path dir, SourceConfig source, Duration segmentLength, long stallMillis) {
        archive = new TestArchive(dir);
        gaps = new GapRecorder(ROOM, archive.manifests, Clock.systemUTC());
        ArchiveHealth health = new ArchiveHealth() {
            @Override
            public void failing(String camera, Instant since, String reason) {
                archiveFailures.add(since + " " + reason);
            }

            @Override
            public void recovered(String camera, Instant at) {}
        };
        SegmentRecorder recorder = new SegmentRecorder(
                new CameraRef("site1", ROOM, CAMERA),
                archive.layout,
                archive.store,
                archive.manifests,
                segmentLength,
                health);
        ConnectionListener log = new ConnectionListener() {
            @Override
            public void connected(String camera, Instant at) {
                connections.add(new Connection(at, true, null));
            }

            @Override
            public void disconnected(String camera, Instant lastMediaAt, String reason) {
                connections.add(new Connection(lastMediaAt, false, reason));
            }
        };
        ingest = new CameraIngest(
                new CameraRef("site1", ROOM, CAMERA),
                source,
                List.of(recorder),
                ConnectionListener.all(List.of(gaps, log)),
                stallMillis,
                Backoff.doubling(200, 1000),
                Clock.systemUTC());
        thread = new Thread(ingest, "ingest-" + source.id());
        thread.start();
    }

    public List<Connection> connections() {
        return List.copyOf(connections);
    }

    /** Waits until the camera has connected {@code count} times in all; returns when the last of them did. */
    public Instant awaitConnections(int count, Duration timeout) throws InterruptedException {
        Await.until(timeout, () -> connections.stream().filter(Connection::up).count() >= count);
        return connections.stream()
                .filter(Connection::up)
                .toList()
                .get(count - 1)
                .at();
    }

    /** Stops recording: open segments are closed and listed, open gaps closed. */
    @Override
    public void close() throws InterruptedException {
        if (closed) {
            return;
        }
        closed = true;
        ingest.stop();
        thread.join(15_000);
        gaps.close();
        archive.close();
    }

    /** The room's manifest lines over every day the run touched (a run may cross the site's midnight). */
    public List<ManifestLine> manifest() throws IOException {
        List<ManifestLine> lines = new ArrayList<>();
        for (LocalDate day : days()) {
            lines.addAll(ManifestReader.read(archive.layout.manifestFile(ROOM, day)));
        }
        return lines;
    }

    public List<ManifestLine> segments() throws IOException {
        return manifest().stream().filter(l -> l.type().equals("segment")).toList();
    }

    public List<ManifestLine> gaps() throws IOException {
        return manifest().stream().filter(l -> l.type().equals("gap")).toList();
    }

    public Path file(ManifestLine segment) {
        LocalDate day =
                archive.layout.day(Instant.parse(segment.fields().get("start").asText()));
        return archive.layout
                .dayDir(ROOM, day)
                .resolve(segment.fields().get("path").asText());
    }

    /** Failures the archive reported to its health listener (ARCHIVE_FAILING), with their reasons. */
    public List<String> archiveFailures() {
        return List.copyOf(archiveFailures);
    }

    /** archive-verify over the run's days, with the run's public key. */
    public VerificationReport verify() throws IOException {
        List<LocalDate> days = days();
        return new ArchiveVerifier(archive.layout, archive.keys.getPublic())
                .verify(ROOM, days.get(0), days.get(days.size() - 1));
    }

    private List<LocalDate> days() throws IOException {
        Path roomDir = archive.layout.dayDir(ROOM, LocalDate.now()).getParent();
        try (Stream<Path> entries = Files.list(roomDir)) {
            return entries.filter(Files::isDirectory)
                    .map(p -> LocalDate.parse(p.getFileName().toString()))
                    .sorted()
                    .toList();
        }
    }
}
