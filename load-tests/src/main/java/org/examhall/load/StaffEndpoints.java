package org.examhall.load;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.function.Function;

/**
 * The server URLs staff calls go to: the first one while it answers, the next one once it fails on
 * the network or with a 5xx, as an operator would open the console on another node. The session
 * lives in the cluster, so any node honours it.
 */
final class StaffEndpoints {

    private final List<WebClient> clients;
    private volatile int current;

    StaffEndpoints(List<WebClient> clients) {
        this.clients = List.copyOf(clients);
    }

    /**
     * Sends through the current URL and, on a network error or 5xx, through each other one in turn. A
     * state-changing call whose first node did its work before failing may then be refused by the
     * second (a 409, say), as it would be for an operator who clicks again.
     */
    Future<HttpResponse<Buffer>> send(Function<WebClient, Future<HttpResponse<Buffer>>> request) {
        return attempt(request, current, clients.size());
    }

    private Future<HttpResponse<Buffer>> attempt(
            Function<WebClient, Future<HttpResponse<Buffer>>> request, int index, int triesLeft) {
        Future<HttpResponse<Buffer>> sent = request.apply(clients.get(index));
        if (triesLeft <= 1) {
            return sent;
        }
        int next = (index + 1) % clients.size();
        return sent.transform(ar -> {
            if (ar.succeeded() && ar.result().statusCode() < 500) {
                return Future.succeededFuture(ar.result());
            }
            current = next;
            return attempt(request, next, triesLeft - 1);
        });
    }
}
