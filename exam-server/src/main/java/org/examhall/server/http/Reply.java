package org.examhall.server.http;

/** What an {@link ApiHandler} answers with: a status and a JSON-serialisable body (or none). */
public record Reply(int status, Object body) {

    public static Reply ok(Object body) {
        return new Reply(200, body);
    }

    public static Reply created(Object body) {
        return new Reply(201, body);
    }

    public static Reply noContent() {
        return new Reply(204, null);
    }
}
