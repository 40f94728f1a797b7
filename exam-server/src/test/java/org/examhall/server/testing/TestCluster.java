package org.examhall.server.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.examhall.server.config.ExamhallConfig;

/**
 * Exam-server nodes on loopback in one Hazelcast cluster against one PostgreSQL (the first node's
 * embedded one): what a province runs behind its load balancer. {@link #start(int)} returns once
 * every node counts all the others as members; closing stops the nodes, the database's last.
 */
public final class TestCluster implements AutoCloseable {

    private static final long FORMING_SECONDS = 60;

    private final List<TestServer> nodes;

    private TestCluster(List<TestServer> nodes) {
        this.nodes = nodes;
    }

    public static TestCluster start(int size) {
        List<ExamhallConfig> configs =
                IntStream.range(0, size).mapToObj(i -> TestServer.newConfig()).toList();
        ExamhallConfig first = configs.get(0);
        List<String> members =
                configs.stream().map(c -> c.cluster.host + ":" + c.cluster.port).toList();
        for (ExamhallConfig config : configs) {
            // One cluster and one database: the nodes must agree on its name and on the keys its data is sealed with.
            config.cluster.name = first.cluster.name;
            config.cluster.members = members;
            config.security.dataKey = first.security.dataKey;
            config.security.indexKey = first.security.indexKey;
            if (config != first) {
                config.database.url = "postgresql://postgres@localhost:" + first.database.embedded.port + "/postgres";
            }
        }
        TestCluster cluster = new TestCluster(new ArrayList<>());
        try {
            configs.forEach(config -> cluster.nodes.add(TestServer.start(config)));
            cluster.awaitFormed();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The nodes in the order they started; the first holds the database. */
    public List<TestServer> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    public TestServer node(int index) {
        return nodes.get(index);
    }

    private void awaitFormed() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FORMING_SECONDS);
        while (!nodes.stream().allMatch(node -> members(node) >= nodes.size())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the " + nodes.size() + " nodes did not form one cluster within " + FORMING_SECONDS + " s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the cluster formed", e);
            }
        }
    }

    private static int members(TestServer node) {
        return node.client()
                .get("/health")
                .bodyAsJsonObject()
                .getJsonObject("cluster")
                .getInteger("members");
    }

    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
    }
}
