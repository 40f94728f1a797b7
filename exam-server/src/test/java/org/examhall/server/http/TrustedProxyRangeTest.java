package org.examhall.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.examhall.server.testing.TestServer;
import org.junit.jupiter.api.Test;

/**
 * A proxy may be trusted by its address range, as a Kubernetes ingress controller must be (its pods' addresses
 * change): behind a proxy in the range, the client is the address the proxy appended, here told apart by the
 * /metrics range rule.
 */
class TrustedProxyRangeTest {

    @Test
    void behindAProxyInATrustedRangeTheForwardedAddressIsTheClient() {
        try (TestServer node = TestServer.start(config -> {
            config.http.trustedProxies = new ArrayList<>(List.of("127.0.0.0/8"));
            config.http.metricsAllowFrom = new ArrayList<>(List.of("10.0.0.0/8"));
        })) {
            assertThat(node.client()
                            .withHeader("X-Forwarded-For", "192.168.1.9, 10.1.2.3")
                            .get("/metrics")
                            .statusCode())
                    .as("the last hop the proxy appended, in the allowed range")
                    .isEqualTo(200);
            assertThat(node.client()
                            .withHeader("X-Forwarded-For", "10.1.2.3, 192.168.1.9")
                            .get("/metrics")
                            .statusCode())
                    .as("a client outside the range that claims an allowed address first")
                    .isEqualTo(403);
            assertThat(node.client().get("/metrics").statusCode())
                    .as("the proxy itself, outside the allowed range")
                    .isEqualTo(403);
        }
    }
}
