package org.examhall.proctor.testing;

import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.examhall.server.ExamServer;
import org.examhall.server.config.ExamhallConfig;
import org.examhall.tools.demo.DemoData;
import org.examhall.tools.demo.DemoGateway;

/**
 * A real exam-server node in this JVM, in demo mode with the demo's data (tools module): embedded PostgreSQL, and
 * the demo gateway registered with its bearer token written to the data directory. It can be stopped and started
 * again on the same data and port, as an exam-server that is down for a while.
 */
public final class ExamServerNode implements AutoCloseable {

    private final ExamhallConfig config = new ExamhallConfig();
    private ExamServer server;

    private ExamServerNode(Path dataDir) {
        String id = UUID.randomUUID().toString().substring(0, 8);
        config.mode = ExamhallConfig.Mode.DEMO;
        config.dataDir = dataDir.toString();
        config.http.host = "127.0.0.1";
        config.http.port = Loopback.freeTcpPort();
        config.database.embedded.port = Loopback.freeTcpPort();
        config.cluster.name = "examhall-gateway-test-" + id;
        config.cluster.host = "127.0.0.1";
        config.cluster.port = Loopback.freeTcpPort();
        config.security.kdfMemoryKiB = 8 * 1024;
        config.security.kdfIterations = 1;
    }

    public static ExamServerNode start(Path dataDir) throws Exception {
        ExamServerNode node = new ExamServerNode(dataDir);
        node.start();
        return node;
    }

    public void start() throws Exception {
        server = ExamServer.start(config, new DemoData()).await(3, TimeUnit.MINUTES);
    }

    public void stop() {
        server.stop();
        server = null;
    }

    public String url() {
        return "http://127.0.0.1:" + config.http.port;
    }

    /** The demo gateway's bearer token, as {@code ./examhall demo} hands it to the gateway. */
    public String gatewayToken() throws IOException {
        return Files.readString(config.dataPath().resolve("keys").resolve(DemoGateway.TOKEN_FILE))
                .trim();
    }

    public Pool pool() {
        return server.pool();
    }

    @Override
    public void close() {
        if (server != null) {
            stop();
        }
    }
}
