package org.examhall.proctor;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.examhall.proctor.archive.ArchiveHealth;
import org.examhall.proctor.archive.ArchiveIndex;
import org.examhall.proctor.archive.ArchiveRecovery;
import org.examhall.proctor.archive.GapRecorder;
import org.examhall.proctor.archive.LocalSegmentStore;
import org.examhall.proctor.archive.SegmentRecorder;
import org.examhall.proctor.archive.SegmentStore;
import org.examhall.proctor.archive.UploadBacklog;
import org.examhall.proctor.archive.s3.S3Bucket;
import org.examhall.proctor.archive.s3.S3SegmentStore;
import org.examhall.proctor.clip.ClipExporter;
import org.examhall.proctor.config.ArchiveStoreSettings;
import org.examhall.proctor.config.GatewayConfig;
import org.examhall.proctor.config.RoomConfig;
import org.examhall.proctor.config.SourceConfig;
import org.examhall.proctor.detect.AnomalyEmitter;
import org.examhall.proctor.detect.AnomalySink;
import org.examhall.proctor.detect.ArchiveFailingReporter;
import org.examhall.proctor.detect.ClipLinks;
import org.examhall.proctor.detect.DetectionPipeline;
import org.examhall.proctor.detect.OfflineReporter;
import org.examhall.proctor.ingest.CameraIngest;
import org.examhall.proctor.ingest.ConnectionListener;
import org.examhall.proctor.ingest.PacketSink;
import org.examhall.proctor.live.CameraStatus;
import org.examhall.proctor.live.GatewayHttpServer;
import org.examhall.proctor.live.HlsLiveWriter;
import org.examhall.proctor.log.CameraRef;
import org.examhall.proctor.log.LogEvent;
import org.examhall.proctor.manifest.ArchiveLayout;
import org.examhall.proctor.manifest.IndexHead;
import org.examhall.proctor.manifest.ManifestBook;
import org.examhall.proctor.report.AnomalyReporter;
import org.examhall.proctor.report.ArchiveHeadReporter;
import org.examhall.proctor.report.LoggingAnomalySink;
import org.examhall.proctor.report.Outbox;
import org.examhall.proctor.retention.HoldStore;
import org.examhall.proctor.retention.IncidentHolds;
import org.examhall.proctor.retention.RetentionJob;
import org.examhall.proctor.viewing.TicketGuard;
import org.examhall.proctor.viewing.ViewingKey;
import org.examhall.proctor.viewing.ViewingKeyFetcher;
import org.examhall.protocol.retry.Backoff;

/**
 * One running gateway: recovers the archive, then per camera an ingest thread feeding the archive, the
 * live view and the detectors; the HTTP server; the anomaly and archive-head reporters; and the timers that
 * seal manifest hours and apply retention. {@link #close()} stops it in the reverse order, closing open segments.
 */
public final class Gateway implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());
    private static final long MANIFEST_TICK_SECONDS = 30;

    private final GatewayConfig config;
    private final Clock clock;
    private final Vertx vertx = Vertx.vertx();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gateway-timers");
        t.setDaemon(true);
        return t;
    });
    private final List<CameraIngest> ingests = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<GapRecorder> gaps = new ArrayList<>();
    private ManifestBook manifests;
    /** The object store the archive is copied to; null when it stays on local disk. */
    private S3SegmentStore objectStore;

    private Outbox outbox;
    private AnomalyReporter reporter;
    private Outbox headOutbox;
    private ArchiveHeadReporter headReporter;
    private GatewayHttpServer http;
    private ViewingKeyFetcher viewingKeys;

    private Gateway(GatewayConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    public static Gateway start(GatewayConfig config, Clock clock) throws Exception {
        Gateway gateway = new Gateway(config, clock);
        try {
            gateway.startAll();
            return gateway;
        } catch (Exception | Error e) {
            gateway.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        KeyPair keys = GatewayKeys.load(config);
        ArchiveLayout layout = new ArchiveLayout(config.archive().root(), config.site(), config.timeZone());
        HoldStore holds = new HoldStore(config.holdsFile());
        IncidentHolds incidentHolds = new IncidentHolds(
                layout, holds, Duration.ofSeconds(2L * config.archive().segmentSeconds()));
        SegmentStore store = archiveStore(layout, incidentHolds);
        manifests = new ManifestBook(layout, keys.getPrivate(), clock, copiedToStore(layout, headWitness()));
        AnomalySink anomalies = anomalySink();

        Map<String, CameraStatus> status = new HashMap<>();
        ArchiveRecovery recovery = new ArchiveRecovery(layout, store, manifests);
        for (RoomConfig room : config.rooms()) {
            CameraStatus roomStatus = new CameraStatus();
            status.put(room.id(), roomStatus);
            GapRecorder gapRecorder = new GapRecorder(room.id(), manifests, clock);
            recovery.recover(room.id()).forEach(gapRecorder::lastArchived);
            gaps.add(gapRecorder);
            for (SourceConfig source : room.sources()) {
                startCamera(room, source, layout, store, anomalies, gapRecorder, roomStatus);
            }
        }

        ArchiveIndex index = new ArchiveIndex(layout);
        http = new GatewayHttpServer(
                vertx,
                config,
                index,
                store,
                new ClipExporter(index, store, config.clipsDir()),
                holds,
                incidentHolds,
                objectStore == null ? UploadBacklog.NONE : objectStore,
                status,
                new TicketGuard(viewingKey(), clock),
                clock);
        http.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

        timers.scheduleAtFixedRate(manifests::tick, MANIFEST_TICK_SECONDS, MANIFEST_TICK_SECONDS, TimeUnit.SECONDS);
        RetentionJob retention = new RetentionJob(
                layout, store, manifests, holds, config.archive().retentionDays(), clock);
        List<String> rooms = config.rooms().stream().map(RoomConfig::id).toList();
        timers.scheduleAtFixedRate(
                () -> runRetention(retention, rooms), 1, TimeUnit.DAYS.toMinutes(1), TimeUnit.MINUTES);
        LogEvent.of("gateway_started")
                .with("site", config.site())
                .with("port", http.port())
                .with("archive", config.archive().root())
                .with("store", config.archive().store().type())
                .with("cameras", ingests.size())
                .log(LOG, System.Logger.Level.INFO);
    }

    private void startCamera(
            RoomConfig room,
            SourceConfig source,
            ArchiveLayout layout,
            SegmentStore store,
            AnomalySink anomalies,
            GapRecorder gapRecorder,
            CameraStatus roomStatus) {
        AnomalyEmitter emitter = new AnomalyEmitter(
                config.site(),
                room.id(),
                source.id(),
                anomalies,
                new ClipLinks(config.http().baseUrl()));
        CameraRef camera = new CameraRef(config.site(), room.id(), source.id());
        List<PacketSink> sinks = new ArrayList<>();
        sinks.add(new SegmentRecorder(
                camera,
                layout,
                store,
                manifests,
                Duration.ofSeconds(config.archive().segmentSeconds()),
                ArchiveHealth.all(List.of(new ArchiveFailingReporter(emitter), roomStatus))));
        sinks.add(new HlsLiveWriter(
                config.liveDir().resolve(room.id()).resolve(source.id()),
                Duration.ofSeconds(config.live().segmentSeconds()),
                config.live().windowSegments()));
        OfflineReporter offline = new OfflineReporter(emitter);
        if (config.detection().enabled()) {
            sinks.add(new DetectionPipeline(config.detection(), room.ambientDbfs(), emitter));
        }
        long offlineMillis = (long) (config.detection().offlineSeconds() * 1000);
        CameraIngest ingest = new CameraIngest(
                camera,
                source,
                sinks,
                ConnectionListener.all(List.of(gapRecorder, offline, roomStatus)),
                offlineMillis,
                Backoff.doubling(500, 30_000),
                clock);
        Thread thread = new Thread(ingest, "ingest-" + room.id() + "-" + source.id());
        ingests.add(ingest);
        threads.add(thread);
        thread.start();
        Instant started = clock.instant();
        timers.schedule(() -> offline.checkStartup(started), offlineMillis, TimeUnit.MILLISECONDS);
    }

    /** The local archive folder, or an S3 bucket with the folder as its staging area. */
    private SegmentStore archiveStore(ArchiveLayout layout, IncidentHolds holds) throws IOException {
        ArchiveStoreSettings settings = config.archive().store();
        if (!settings.s3()) {
            return new LocalSegmentStore(config.archive().root());
        }
        objectStore = S3SegmentStore.start(
                layout,
                new S3Bucket(settings),
                config.archiveCacheDir(),
                settings,
                holds::covers,
                Backoff.doubling(1000, 30_000),
                clock);
        LogEvent.of("archive_store")
                .with("endpoint", settings.endpoint())
                .with("bucket", settings.bucket())
                .with("prefix", settings.prefix())
                .with("object_lock", settings.objectLockMode())
                .with("retention_years", settings.retentionYears())
                .with("backlog_segments", objectStore.figures().segments())
                .log(LOG, System.Logger.Level.INFO);
        return objectStore;
    }

    /** With an object store, every new day index head also sends the sealed manifest and the index to it. */
    private Consumer<IndexHead> copiedToStore(ArchiveLayout layout, Consumer<IndexHead> witness) {
        if (objectStore == null) {
            return witness;
        }
        return witness.andThen(head -> {
            if (head.day() != null) {
                objectStore.copySealed(layout.manifestKey(head.room(), head.day()));
            }
            objectStore.copySealed(layout.dayIndexKey(head.room()));
        });
    }

    /** Without an exam-server nobody can be issued a ticket, so live view and playback stay closed. */
    private Supplier<ViewingKey> viewingKey() {
        if (!config.examServer().configured()) {
            LogEvent.of("no_exam_server")
                    .with("site", config.site())
                    .with("note_en", "live view and playback are refused: tickets come from exam-server")
                    .log(LOG, System.Logger.Level.WARNING);
            return () -> null;
        }
        viewingKeys = new ViewingKeyFetcher(vertx, config.examServer());
        return viewingKeys;
    }

    private AnomalySink anomalySink() throws IOException {
        if (!config.examServer().configured()) {
            return new LoggingAnomalySink();
        }
        outbox = new Outbox(config.outboxFile());
        reporter = new AnomalyReporter(vertx, config.examServer(), outbox);
        return reporter;
    }

    /** Without an exam-server the newest days' index entries are witnessed nowhere; archive-verify says so. */
    private Consumer<IndexHead> headWitness() throws IOException {
        if (!config.examServer().configured()) {
            LogEvent.of("no_exam_server")
                    .with("site", config.site())
                    .with("note_en", "the day index heads are witnessed nowhere outside the archive")
                    .log(LOG, System.Logger.Level.WARNING);
            return head -> {};
        }
        headOutbox = new Outbox(config.headOutboxFile());
        headReporter = new ArchiveHeadReporter(vertx, config.examServer(), config.site(), headOutbox);
        return headReporter;
    }

    private static void runRetention(RetentionJob retention, List<String> rooms) {
        try {
            retention.run(rooms);
        } catch (IOException | RuntimeException e) {
            LogEvent.of("retention_failed")
                    .with("error", e.getMessage())
                    .with("note_en", "retried tomorrow")
                    .log(LOG, System.Logger.Level.ERROR, e);
        }
    }

    public int httpPort() {
        return http.port();
    }

    @Override
    public void close() {
        ingests.forEach(CameraIngest::stop);
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        timers.shutdownNow();
        gaps.forEach(GapRecorder::close);
        if (manifests != null) {
            manifests.close();
        }
        if (objectStore != null) {
            // After the manifests' last seals, so that those are sent too if the store is there.
            objectStore.close();
        }
        if (http != null) {
            http.stop();
        }
        if (reporter != null) {
            reporter.close();
        }
        if (headReporter != null) {
            headReporter.close();
        }
        if (viewingKeys != null) {
            viewingKeys.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().join();
        closeQuietly(outbox);
        closeQuietly(headOutbox);
    }

    private static void closeQuietly(Outbox box) {
        if (box != null) {
            try {
                box.close();
            } catch (IOException e) {
                LogEvent.of("outbox_close_failed").with("error", e.getMessage()).log(LOG, System.Logger.Level.WARNING);
            }
        }
    }
}
