package org.examhall.server.exam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.server.testing.ExamRoom.assertCode;
import static org.examhall.server.testing.ExamRoom.ok;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.examhall.server.testing.ExamRoom;
import org.examhall.server.testing.Photos;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * The terminal's state poll names the candidate's photo by a versioned URL instead of carrying it
 * every 3 s; the photo itself is cacheable, revalidated by its ETag, and served only to the terminal
 * the candidate is bound to.
 */
class CandidatePhotoRouteTest {

    private final TestServer server = TestServer.shared();

    @Test
    void theStatePollNamesThePhotoAndOnlyTheBoundTerminalGetsItCacheable() {
        ExamRoom room = ExamRoom.create(server, 25);
        long sessionId = room.scheduleSession("DEMO-ELEC-LV", null, false);
        byte[] enrolled = Photos.person(41, 0);
        ExamRoom.Candidate qian = room.addCandidate(sessionId, "钱进", enrolled);
        room.moveTo(sessionId, "CHECK_IN", room.proctor1.client());
        int seat = room.checkIn(sessionId, qian, 41);

        JsonObject candidate =
                ok(room.terminalClient(seat).get("/api/terminal/state"), 200).getJsonObject("candidate");
        assertThat(candidate.containsKey("photo"))
                .as("no photo bytes in the poll")
                .isFalse();
        String url = candidate.getString("photoUrl");
        assertThat(url).startsWith(CandidatePhotoRoute.PATH + "?v=");
        assertThat(ok(room.terminalClient(seat).get("/api/terminal/state"), 200)
                        .getJsonObject("candidate")
                        .getString("photoUrl"))
                .as("the same photo keeps its URL")
                .isEqualTo(url);

        HttpResponse<Buffer> photo = room.terminalClient(seat).get(url);
        assertThat(photo.statusCode()).isEqualTo(200);
        assertThat(photo.body().getBytes()).isEqualTo(enrolled);
        assertThat(photo.getHeader("Content-Type")).startsWith("image/");
        assertThat(photo.getHeader("Cache-Control")).isEqualTo(CandidatePhotoRoute.CACHE_CONTROL);
        String etag = photo.getHeader("ETag");
        assertThat(etag).isEqualTo('"' + url.substring(url.indexOf("?v=") + 3) + '"');

        HttpResponse<Buffer> revalidated =
                room.terminalClient(seat).withHeader("If-None-Match", etag).get(url);
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isNull();

        // Another seat of the room, a terminal with no credential: not this candidate's photo.
        int otherSeat = seat == 1 ? 2 : 1;
        assertCode(room.terminalClient(otherSeat).get(url), 404, "NO_PHOTO");
        assertThat(server.client().get(url).statusCode()).isEqualTo(401);
    }
}
