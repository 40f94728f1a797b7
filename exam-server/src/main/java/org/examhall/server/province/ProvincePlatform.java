package org.examhall.server.province;

import io.vertx.core.Future;
import java.util.List;

/**
 * The provincial exam platform as the connector sees it. {@link HttpProvincePlatform} speaks the
 * HTTP/JSON envelope format documented in docs/province.md; an adapter for a real provincial system
 * implements this interface and leaves outbox, retries and receipt checks to the connector.
 */
public interface ProvincePlatform {

    /**
     * Hands one signed package over. Succeeds with the platform's receipt (not yet verified: the
     * connector checks it); fails with a {@link PlatformException} that says whether retrying can help.
     */
    Future<Receipt> deliver(Envelope envelope);

    /** Registrations for an operation item with a sequence number above {@code since}, oldest first. */
    Future<List<Registration>> registrations(String operationItem, long since);
}
