package org.examhall.tools.demo;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.awt.Color;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.examhall.server.audit.Actor;
import org.examhall.server.delivery.DeliveryModule;
import org.examhall.server.pii.ResidentIdNumber;
import org.examhall.server.sessions.SessionState;
import org.examhall.server.sessions.Sessions;
import org.examhall.server.sitting.SittingStatus;
import org.examhall.server.staff.StaffDirectory;

/**
 * The demo's exam room and session, set up through the same services the API uses: a site, a room
 * with 30 enrolled terminals, a 低压电工作业 session with proctor1 and proctor2, three candidates of
 * whom two are checked in (face matched) and one waits at the door. On every start it issues fresh
 * enrolment links for the seated candidates' terminals, so a browser can become their terminal.
 */
public final class DemoExam {

    private static final int SEATS = 30;
    private static final String SITE = "演示考点（县应急管理局考试中心）";

    /** What the demo prints: who sits where, with the link that makes a browser their terminal. */
    public record Seat(
            String fullName, String idNumber, String ticketNo, Integer seatNo, String status, String enrolCode) {}

    public record Info(long sessionId, String title, String state, List<Seat> seats) {}

    private record Person(String name, String first17, Color color, boolean seated) {}

    private static final List<Person> CANDIDATES = List.of(
            new Person("张伟", "32010219850312045", new Color(0x9EC5E8), true),
            new Person("李娜", "32010519900707102", new Color(0xE8C39E), true),
            new Person("王芳", "32011119921123064", new Color(0xB7E0B0), false));

    private DemoExam() {}

    public static Future<Info> seed(Pool pool, DeliveryModule delivery, StaffDirectory staff) {
        Actor actor = Actor.system("demo");
        return pool.query("SELECT id FROM exam_session ORDER BY id LIMIT 1")
                .execute()
                .compose(existing -> {
                    if (existing.size() > 0) {
                        return Future.succeededFuture(existing.iterator().next().getLong("id"));
                    }
                    return create(pool, delivery, staff, actor);
                })
                .compose(sessionId -> describe(pool, delivery, sessionId, actor));
    }

    private static Future<Long> create(Pool pool, DeliveryModule delivery, StaffDirectory staff, Actor actor) {
        return delivery.rooms()
                .createSite(SITE, "演示路 1 号", actor)
                .compose(site -> delivery.rooms().createRoom(site.getLong("id"), "第1理论考场", actor))
                .compose(room -> {
                    long roomId = room.getLong("id");
                    return delivery.rooms()
                            .issueEnrolCodes(roomId, 1, SEATS, actor)
                            .compose(codes -> {
                                Future<Void> chain = Future.succeededFuture();
                                for (Object code : codes) {
                                    chain = chain.compose(x -> delivery.rooms()
                                            .enrol(((JsonObject) code).getString("enrolCode"), actor)
                                            .mapEmpty());
                                }
                                return chain.map(roomId);
                            });
                })
                .compose(roomId -> staff.byUsername("proctor1")
                        .compose(p1 -> staff.byUsername("proctor2")
                                .compose(p2 -> delivery.sessions()
                                        .create(
                                                new Sessions.NewSession(
                                                        roomId,
                                                        "DEMO-ELEC-LV",
                                                        "低压电工作业 理论考试（演示）",
                                                        Instant.now().truncatedTo(ChronoUnit.MINUTES),
                                                        null,
                                                        List.of(
                                                                p1.orElseThrow().id(),
                                                                p2.orElseThrow().id()),
                                                        true),
                                                actor)
                                        .compose(session -> addCandidates(delivery, session.getLong("id"), actor))
                                        .compose(sessionId -> delivery.sessions()
                                                .transition(sessionId, SessionState.CHECK_IN, null, actor)
                                                .map(sessionId))
                                        .compose(sessionId -> checkInSeated(
                                                        pool,
                                                        delivery,
                                                        sessionId,
                                                        p1.orElseThrow().id(),
                                                        actor)
                                                .map(sessionId)))));
    }

    private static Future<Long> addCandidates(DeliveryModule delivery, long sessionId, Actor actor) {
        Future<Void> chain = Future.succeededFuture();
        for (Person person : CANDIDATES) {
            ResidentIdNumber id = idOf(person);
            chain = chain.compose(x -> delivery.sessions()
                    .addCandidate(
                            sessionId,
                            person.name(),
                            id,
                            null,
                            DemoPhotos.portrait(person.name(), person.color()),
                            actor)
                    .mapEmpty());
        }
        return chain.map(sessionId);
    }

    /** The seated candidates pass the face check with a capture of their own card, as at a real door. */
    private static Future<Void> checkInSeated(
            Pool pool, DeliveryModule delivery, long sessionId, long proctorId, Actor actor) {
        Future<Void> chain = Future.succeededFuture();
        for (Person person : CANDIDATES) {
            if (!person.seated()) {
                continue;
            }
            chain = chain.compose(x -> delivery.checkIn().identify(sessionId, idOf(person), proctorId, actor))
                    .compose(found -> delivery.checkIn()
                            .compareFace(
                                    found.getLong("sittingId"),
                                    List.of(DemoPhotos.capture(person.name(), person.color())),
                                    proctorId,
                                    actor))
                    .mapEmpty();
        }
        return chain;
    }

    private static Future<Info> describe(Pool pool, DeliveryModule delivery, long sessionId, Actor actor) {
        return pool.preparedQuery("""
            SELECT s.title, s.state, s.room_id, t.ticket_no, t.seat_no, t.status, p.full_name
              FROM exam_session s JOIN sitting t ON t.session_id = s.id JOIN person p ON p.id = t.person_id
             WHERE s.id = $1 ORDER BY t.id""").execute(Tuple.of(sessionId)).compose(rows -> {
            List<Row> all = new ArrayList<>();
            rows.forEach(all::add);
            Future<List<Seat>> seats = Future.succeededFuture(new ArrayList<>());
            for (Row row : all) {
                Integer seat = row.getInteger("seat_no");
                boolean atTerminal = SittingStatus.IN_ROOM.contains(SittingStatus.valueOf(row.getString("status")));
                Future<String> code = seat == null || !atTerminal
                        ? Future.succeededFuture(null)
                        : delivery.rooms()
                                .issueEnrolCodes(row.getLong("room_id"), seat, seat, actor)
                                .map(codes ->
                                        ((JsonArray) codes).getJsonObject(0).getString("enrolCode"));
                String name = row.getString("full_name");
                String idNumber = CANDIDATES.stream()
                        .filter(p -> p.name().equals(name))
                        .findFirst()
                        .map(p -> idOf(p).value())
                        .orElse("");
                seats = seats.compose(list -> code.map(c -> {
                    list.add(new Seat(name, idNumber, row.getString("ticket_no"), seat, row.getString("status"), c));
                    return list;
                }));
            }
            String title = all.isEmpty() ? "" : all.get(0).getString("title");
            String state = all.isEmpty() ? "" : all.get(0).getString("state");
            return seats.map(list -> new Info(sessionId, title, state, list));
        });
    }

    private static ResidentIdNumber idOf(Person person) {
        return ResidentIdNumber.parse(person.first17() + ResidentIdNumber.checkCharacter(person.first17()))
                .orElseThrow();
    }
}
