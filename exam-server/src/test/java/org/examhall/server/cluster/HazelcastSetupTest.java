package org.examhall.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import java.util.List;
import org.examhall.server.config.ExamhallConfig;
import org.junit.jupiter.api.Test;

/** The join each deployment gets, read from the configuration Hazelcast is handed; never multicast. */
class HazelcastSetupTest {

    @Test
    void listedMembersJoinOverTcpIp() {
        ExamhallConfig.Cluster cluster = new ExamhallConfig.Cluster();
        cluster.members = List.of("node1:5701", "node2:5701");

        JoinConfig join = HazelcastSetup.config(cluster).getNetworkConfig().getJoin();

        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(join.getKubernetesConfig().isEnabled()).isFalse();
        assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
        assertThat(join.getTcpIpConfig().getMembers()).containsExactly("node1:5701", "node2:5701");
    }

    @Test
    void onKubernetesMembersAreWhatTheHeadlessServiceResolvesToOnTheClusterPort() {
        ExamhallConfig.Cluster cluster = new ExamhallConfig.Cluster();
        cluster.port = 5701;
        cluster.kubernetes.serviceDns = " exam-server-cluster.examhall.svc.cluster.local ";

        Config hz = HazelcastSetup.config(cluster);
        JoinConfig join = hz.getNetworkConfig().getJoin();

        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
        assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
        assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
        assertThat(join.getKubernetesConfig().getProperties())
                .containsEntry("service-dns", "exam-server-cluster.examhall.svc.cluster.local")
                .containsEntry("service-port", "5701");
        // Hazelcast's own check of the join: exactly one way to find members.
        join.verify();
    }
}
