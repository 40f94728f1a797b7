package org.examhall.server.exam;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.examhall.server.http.Access;
import org.examhall.server.http.ApiRouter;
import org.examhall.server.pii.PersonPhotos;
import org.examhall.server.rooms.TerminalAuth;

/**
 * The enrolled photo of the candidate bound to a terminal, for the confirmation screen. The state
 * poll (every 3 s) names it by {@link #url(String)} instead of carrying it, and the terminal fetches
 * it once per version: an unchanged photo is answered from the browser's cache or with a 304,
 * without decrypting it again. Access is the state poll's: Safe Exam Browser when required, then the
 * device credential, and only the candidate bound to that terminal.
 */
public final class CandidatePhotoRoute {

    static final String PATH = "/api/terminal/photo";
    /** Long enough for a confirmation screen; the versioned URL makes a changed photo a new entry. */
    static final String CACHE_CONTROL = "private, max-age=3600";

    private static final String BOUND_PHOTO = """
      SELECT t.person_id, %s AS tag
        FROM sitting t JOIN person p ON p.id = t.person_id JOIN exam_session s ON s.id = t.session_id
       WHERE t.terminal_id = $1 AND t.status IN ('CHECKED_IN', 'ANSWERING', 'PAUSED', 'SUBMITTED')
         AND s.state IN ('CHECK_IN', 'RUNNING')
       ORDER BY t.checked_in_at DESC LIMIT 1""".formatted(PersonPhotos.TAG_SQL);

    private final Pool pool;
    private final TerminalAuth terminals;
    private final PersonPhotos photos;
    private final SafeExamBrowserCheck seb;

    public CandidatePhotoRoute(Pool pool, TerminalAuth terminals, PersonPhotos photos, SafeExamBrowserCheck seb) {
        this.pool = pool;
        this.terminals = terminals;
        this.photos = photos;
        this.seb = seb;
    }

    /** Where the terminal fetches the photo of this version ({@link PersonPhotos#tag}). */
    public static String url(String tag) {
        return PATH + "?v=" + tag;
    }

    public void register(ApiRouter api) {
        api.addRaw(
                HttpMethod.GET,
                PATH,
                Access.TERMINAL,
                "The enrolled photo of the candidate bound to the terminal (cacheable; the state poll gives its versioned URL)",
                this::photo);
    }

    private void photo(RoutingContext ctx) {
        seb.check(ctx)
                .compose(x -> terminals.terminal(ctx))
                .compose(terminal -> pool.preparedQuery(BOUND_PHOTO).execute(Tuple.of(terminal.id())))
                .compose(rows -> {
                    Row row = rows.size() == 0 ? null : rows.iterator().next();
                    if (row == null || row.getString("tag") == null) {
                        return Future.failedFuture(ExamErrors.NO_PHOTO.exception());
                    }
                    String etag = '"' + row.getString("tag") + '"';
                    if (etag.equals(ctx.request().getHeader("If-None-Match"))) {
                        ctx.response()
                                .setStatusCode(304)
                                .putHeader("ETag", etag)
                                .putHeader("Cache-Control", CACHE_CONTROL)
                                .end();
                        return Future.succeededFuture();
                    }
                    return photos.load(pool, row.getLong("person_id"))
                            .compose(photo -> photo.isEmpty()
                                    ? Future.failedFuture(ExamErrors.NO_PHOTO.exception())
                                    : ctx.response()
                                            .putHeader("Content-Type", mediaType(photo.get()))
                                            .putHeader("ETag", etag)
                                            .putHeader("Cache-Control", CACHE_CONTROL)
                                            .end(Buffer.buffer(photo.get())));
                })
                .onFailure(ctx::fail);
    }

    /** Enrolled photos are JPEG or PNG (checked when stored). */
    private static String mediaType(byte[] photo) {
        return photo.length > 1 && (photo[0] & 0xff) == 0x89 && photo[1] == 'P' ? "image/png" : "image/jpeg";
    }
}
