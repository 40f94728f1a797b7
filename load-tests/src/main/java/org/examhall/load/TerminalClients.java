package org.examhall.load;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Hands each new terminal its HTTP client, the server URLs taken round-robin (as a load balancer in
 * front of the nodes would spread the rooms): its own keep-alive pool by default, or one pool per URL
 * shared by all terminals.
 */
final class TerminalClients {

    private final Vertx vertx;
    private final SimulatorOptions options;
    private final List<URI> urls;
    private final List<WebClient> shared;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicIntegerArray handedOut;

    TerminalClients(Vertx vertx, SimulatorOptions options) {
        this.vertx = vertx;
        this.options = options;
        this.urls = options.urls;
        this.shared = options.connectionPerTerminal
                ? List.of()
                : urls.stream()
                        .map(url -> Http.client(vertx, url, options.sharedPoolSize))
                        .toList();
        this.handedOut = new AtomicIntegerArray(urls.size());
    }

    WebClient next() {
        int i = Math.floorMod(next.getAndIncrement(), urls.size());
        handedOut.incrementAndGet(i);
        return options.connectionPerTerminal
                ? Http.client(vertx, urls.get(i), options.connectionsPerTerminal)
                : shared.get(i);
    }

    /** URL → terminals given a client for it (enrolled terminals, whether or not they were seated later). */
    Map<URI, Integer> perUrl() {
        Map<URI, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < urls.size(); i++) {
            out.put(urls.get(i), handedOut.get(i));
        }
        return out;
    }
}
