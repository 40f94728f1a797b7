package org.examhall.server.exam;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
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

    private final Pool pool;
    private final TerminalAuth terminals;
    private final TerminalSession session;
    private final PersonPhotos photos;
    private final SafeExamBrowserCheck seb;

    public CandidatePhotoRoute(
            Pool pool, TerminalAuth terminals, TerminalSession session, PersonPhotos photos, SafeExamBrowserCheck seb) {
        this.pool = pool;
        this.terminals = terminals;
        this.session = session;
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
                .compose(session::boundPerson)
                .compose(person -> person.isEmpty()
                        ? Future.failedFuture(ExamErrors.NO_PHOTO.exception())
                        : photos.tag(pool, person.get())
                                .compose(tag -> tag.isEmpty()
                                        ? Future.failedFuture(ExamErrors.NO_PHOTO.exception())
                                        : reply(ctx, person.get(), tag.get())))
                .onFailure(ctx::fail);
    }

    private Future<Void> reply(RoutingContext ctx, long personId, String tag) {
        String etag = '"' + tag + '"';
        if (etag.equals(ctx.request().getHeader("If-None-Match"))) {
            ctx.response()
                    .setStatusCode(304)
                    .putHeader("ETag", etag)
                    .putHeader("Cache-Control", CACHE_CONTROL)
                    .end();
            return Future.succeededFuture();
        }
        return photos.load(pool, personId)
                .compose(photo -> photo.isEmpty()
                        ? Future.failedFuture(ExamErrors.NO_PHOTO.exception())
                        : ctx.response()
                                .putHeader("Content-Type", mediaType(photo.get()))
                                .putHeader("ETag", etag)
                                .putHeader("Cache-Control", CACHE_CONTROL)
                                .end(Buffer.buffer(photo.get())));
    }

    /** Enrolled photos are JPEG or PNG (checked when stored). */
    private static String mediaType(byte[] photo) {
        return photo.length > 1 && (photo[0] & 0xff) == 0x89 && photo[1] == 'P' ? "image/png" : "image/jpeg";
    }
}
