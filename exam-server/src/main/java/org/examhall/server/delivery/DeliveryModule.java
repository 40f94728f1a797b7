package org.examhall.server.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.examhall.server.answers.AutosaveLog;
import org.examhall.server.audit.AuditLog;
import org.examhall.server.checkin.CheckIn;
import org.examhall.server.checkin.CheckInRoutes;
import org.examhall.server.checkin.FaceVerifier;
import org.examhall.server.checkin.FaceVerifiers;
import org.examhall.server.config.ExamhallConfig;
import org.examhall.server.crypto.BureauKeys;
import org.examhall.server.crypto.KeyMaterial;
import org.examhall.server.exam.CandidatePhotoRoute;
import org.examhall.server.exam.CandidateTokens;
import org.examhall.server.exam.DeadlineWatcher;
import org.examhall.server.exam.Heartbeats;
import org.examhall.server.exam.SafeExamBrowserCheck;
import org.examhall.server.exam.Submission;
import org.examhall.server.exam.TerminalRoutes;
import org.examhall.server.exam.TerminalSession;
import org.examhall.server.gateways.Anomalies;
import org.examhall.server.gateways.ArchiveHeadRoutes;
import org.examhall.server.gateways.ArchiveHeads;
import org.examhall.server.gateways.GatewayRoutes;
import org.examhall.server.gateways.Gateways;
import org.examhall.server.gateways.ViewingTickets;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.http.Draining;
import org.examhall.server.live.ConsoleRoutes;
import org.examhall.server.live.KioskSignals;
import org.examhall.server.live.Presence;
import org.examhall.server.live.PresenceWatch;
import org.examhall.server.live.ProgressFeed;
import org.examhall.server.live.RoomEvents;
import org.examhall.server.live.RoomGrid;
import org.examhall.server.pii.PersonPhotos;
import org.examhall.server.pii.PersonRegistry;
import org.examhall.server.proctoring.ProctorActions;
import org.examhall.server.proctoring.ProctoringRoutes;
import org.examhall.server.proctoring.RoomRecord;
import org.examhall.server.results.ResultRoutes;
import org.examhall.server.results.Results;
import org.examhall.server.rooms.RoomRoutes;
import org.examhall.server.rooms.Rooms;
import org.examhall.server.rooms.TerminalAuth;
import org.examhall.server.sessions.CandidateImport;
import org.examhall.server.sessions.PaperSource;
import org.examhall.server.sessions.SessionRoutes;
import org.examhall.server.sessions.Sessions;
import org.examhall.server.sessions.SittingStarter;
import org.examhall.server.site.SiteClock;

/**
 * Exam delivery assembled: rooms and terminals, sessions, check-in, the terminal protocol with
 * group-commit autosave, the server-owned deadline, the proctor console and results.
 */
public final class DeliveryModule {

    /** How often the consoles hear of candidates' progress: they need the trend, not every keystroke. */
    private static final long PROGRESS_PUSH_MS = 3_000;

    private final Rooms rooms;
    private final Sessions sessions;
    private final CheckIn checkIn;
    private final Gateways gateways;
    private final Presence presence;
    private final PresenceWatch presenceWatch;
    private final DeadlineWatcher deadlines;
    private final ProgressFeed progress;
    private final AutosaveLog autosaves;
    private final List<Consumer<ApiRouter>> routes;

    public DeliveryModule(
            Vertx vertx,
            Pool pool,
            ExamhallConfig config,
            KeyMaterial keys,
            AuditLog audit,
            PersonRegistry persons,
            PaperSource papers,
            MeterRegistry meters,
            BureauKeys bureauKeys,
            Draining draining) {
        this.rooms = new Rooms(pool, audit);
        PersonPhotos photos = new PersonPhotos(keys);
        this.presence = new Presence(vertx);
        RoomGrid grid = new RoomGrid(pool, presence);
        RoomEvents events = new RoomEvents(vertx, grid);
        KioskSignals signals = new KioskSignals(pool, events);
        this.presenceWatch = new PresenceWatch(vertx, presence, events);
        this.progress = new ProgressFeed(vertx, pool, events, PROGRESS_PUSH_MS);
        SittingStarter starter = new SittingStarter(papers, audit);
        this.sessions = new Sessions(pool, audit, rooms, persons, photos, papers, starter, config.site.zone());
        FaceVerifier faces = FaceVerifiers.configured(config);
        FaceVerifiers.warmUp(vertx, faces);
        this.checkIn = new CheckIn(vertx, pool, audit, persons, photos, faces, starter, events);
        this.autosaves = new AutosaveLog(vertx, pool, meters, config.exam.autosaveBatch, config.exam.autosaveInFlight);
        Submission submission = new Submission(vertx, pool, papers, audit, events);
        this.deadlines = new DeadlineWatcher(vertx, pool, submission);
        SafeExamBrowserCheck seb = new SafeExamBrowserCheck(
                config.exam.requireSafeExamBrowser, config.exam.sebConfigKeys, config.exam.sebBrowserExamKeys);
        TerminalAuth terminalAuth = new TerminalAuth(pool);
        CandidateTokens tokens = new CandidateTokens(keys.indexKey());
        TerminalSession terminalSession =
                new TerminalSession(pool, tokens, autosaves, submission, photos, events, signals, progress, audit);
        TerminalRoutes terminal = new TerminalRoutes(
                terminalAuth, tokens, terminalSession, seb, new Heartbeats(vertx, pool, presence, meters), draining);
        ProctorActions actions = new ProctorActions(pool, audit, events);
        this.gateways = new Gateways(pool, audit);
        this.routes = List.of(
                new RoomRoutes(rooms)::register,
                new SessionRoutes(sessions, new CandidateImport(sessions), events)::register,
                new CheckInRoutes(checkIn)::register,
                terminal::register,
                new CandidatePhotoRoute(pool, terminalAuth, terminalSession, photos, seb)::register,
                new ProctoringRoutes(pool, actions, new RoomRecord(pool, audit))::register,
                new GatewayRoutes(
                        pool,
                        gateways,
                        new Anomalies(pool, audit, events, actions),
                        new ViewingTickets(pool, audit, bureauKeys, Clock.systemUTC()))::register,
                new ArchiveHeadRoutes(gateways, new ArchiveHeads(pool, audit))::register,
                new ConsoleRoutes(vertx, pool, grid, signals)::register,
                new ResultRoutes(new Results(pool), new SiteClock(config.site.zone()))::register);
    }

    public List<Consumer<ApiRouter>> routes() {
        return routes;
    }

    public Rooms rooms() {
        return rooms;
    }

    public Sessions sessions() {
        return sessions;
    }

    public Presence presence() {
        return presence;
    }

    public Gateways gateways() {
        return gateways;
    }

    public CheckIn checkIn() {
        return checkIn;
    }

    public AutosaveLog autosaves() {
        return autosaves;
    }

    public void start() {
        presence.start();
        presenceWatch.start();
        deadlines.start();
        progress.start();
    }

    public void stop() {
        presenceWatch.stop();
        presence.stop();
        progress.stop();
        deadlines.stop();
    }
}
