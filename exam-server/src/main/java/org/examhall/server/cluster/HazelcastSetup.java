package org.examhall.server.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.examhall.protocol.config.ConfigException;
import org.examhall.server.config.ExamhallConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hazelcast member behind Vert.x clustering. Members find each other through the listed addresses
 * (TCP/IP join) or, on Kubernetes, through the addresses a headless Service's DNS name resolves to;
 * never by multicast, which exam sites' networks have off or unwanted.
 */
public final class HazelcastSetup {

    private static final Logger LOG = LoggerFactory.getLogger(HazelcastSetup.class);

    private HazelcastSetup() {}

    public static HazelcastClusterManager clusterManager(ExamhallConfig.Cluster cluster) {
        warnWhenExposed(cluster);
        return new HazelcastClusterManager(config(cluster));
    }

    /** The member's configuration, apart so that the join it makes can be checked without a cluster. */
    static Config config(ExamhallConfig.Cluster cluster) {
        Config hz = new Config();
        hz.setClusterName(cluster.name);
        hz.setInstanceName("examhall-" + cluster.host + "-" + cluster.port + "-" + System.nanoTime());
        hz.setProperty("hazelcast.phone.home.enabled", "false");
        hz.setProperty("hazelcast.logging.type", "slf4j");
        hz.setProperty("hazelcast.shutdownhook.enabled", "false");
        // Hazelcast's own metrics feed its Management Center, which examhall does not use (its metrics are
        // Micrometer's, at /metrics); collecting them walks every map's records each 5 s.
        hz.getMetricsConfig().setEnabled(false);
        // A crashed node is noticed at once (its closed connections; 0.4 s after kill -9 in the province
        // cluster benchmark); a hung one, or one cut off the network, only when its heartbeats stop.
        // Until then cluster maps stall on its partitions (staff sessions, presence), so 10 s instead of
        // Hazelcast's 60: ten missed beats in a row, which GC pauses and a busy 2-core machine never
        // caused in the benchmark's runs (load-tests/README.md, "Province cluster benchmark").
        hz.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
        hz.setProperty("hazelcast.heartbeat.interval.seconds", "1");

        NetworkConfig network = hz.getNetworkConfig();
        network.setPort(cluster.port).setPortAutoIncrement(cluster.port == 0);
        network.setPublicAddress(cluster.host + ":" + cluster.port);
        network.getInterfaces().setEnabled(false);
        hz.setProperty("hazelcast.local.localAddress", resolve(cluster.host));
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        if (cluster.kubernetes.enabled()) {
            // DNS lookup mode: the headless Service lists the ready and not-ready pods alike
            // (publishNotReadyAddresses), so members find each other before any of them answers /health; no
            // Kubernetes API access, hence no service account rights, is needed.
            join.getTcpIpConfig().setEnabled(false);
            join.getKubernetesConfig()
                    .setEnabled(true)
                    .setProperty("service-dns", cluster.kubernetes.serviceDns.trim())
                    .setProperty("service-port", Integer.toString(cluster.port));
        } else {
            join.getTcpIpConfig()
                    .setEnabled(true)
                    .setMembers(
                            cluster.members.isEmpty() ? List.of(cluster.host + ":" + cluster.port) : cluster.members);
        }

        // The structures Vert.x keeps in Hazelcast (see vertx-hazelcast's default-cluster.xml).
        hz.addMultiMapConfig(new MultiMapConfig("__vertx.subs")
                .setBackupCount(1)
                .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
        hz.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1));
        hz.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(1));
        // Staff web sessions must survive the loss of the node that created them.
        hz.addMapConfig(new MapConfig("vertx-web.sessions").setBackupCount(1));
        return hz;
    }

    /** Hazelcast binds to an address, while deployments name hosts (node1, exam-server-2.site.local). */
    private static String resolve(String host) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            throw new ConfigException("cluster.host '" + host + "' does not resolve", e);
        }
    }

    /**
     * Open-source Hazelcast has neither TLS nor a cluster password: whoever reaches the cluster port
     * can join, read staff sessions and send on the event bus. On loopback that is this machine only;
     * anywhere else the network must keep strangers out (docs/operations.md, Deployment), and the log says so
     * at every start.
     */
    private static void warnWhenExposed(ExamhallConfig.Cluster cluster) {
        boolean loopback;
        try {
            loopback = InetAddress.getByName(cluster.host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (!loopback) {
            LOG.warn(
                    "event=cluster_unprotected host={} port={} detail=\"Hazelcast traffic is neither authenticated nor encrypted: "
                            + "allow the cluster port only from the other members (firewall, private VLAN or WireGuard); see docs/operations.md, Deployment\"",
                    cluster.host,
                    cluster.port);
        }
    }
}
