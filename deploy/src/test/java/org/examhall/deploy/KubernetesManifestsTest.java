package org.examhall.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.examhall.deploy.KubernetesManifests.env;
import static org.examhall.deploy.KubernetesManifests.onlyContainer;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.examhall.server.db.DatabaseEndpoint;
import org.examhall.server.db.DatabaseTls;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes MANIFESTS read into fabric8's Kubernetes model, and the rules a province relies on checked on
 * them: what a misspelt field, a renamed Service or a forgotten secret would break fails here, not in a cluster.
 */
class KubernetesManifestsTest {

    private static final String NODE = "exam-server";
    private static final String HAZELCAST_PORT = "5701";
    private static final int POSTGRESQL_PORT = 5432;

    /** Settings that are secrets: never given as an environment value, only as a file ({@code NAME_FILE}). */
    private static final Set<String> SECRET_SETTINGS = Set.of(
            "EXAMHALL_DB_PASSWORD",
            "EXAMHALL_DATA_KEY",
            "EXAMHALL_INDEX_KEY",
            "EXAMHALL_METRICS_TOKEN",
            "EXAMHALL_GATEWAY_TOKEN");

    /** Read once: the model's serialisation takes seconds to set up. */
    private static final KubernetesManifests MANIFESTS = KubernetesManifests.load();

    @Test
    void everyManifestIsInTheKustomizationAndReadsIntoTheModelWithoutAnUnknownField() throws IOException {
        try (Stream<Path> files = Files.list(KubernetesManifests.DIRECTORY)) {
            List<String> yaml = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
                    .toList();
            assertThat(MANIFESTS.resourceFiles).containsExactlyInAnyOrderElementsOf(yaml);
        }
        assertThat(MANIFESTS.namespace).isEqualTo("examhall");
        assertThat(MANIFESTS.resources).hasSizeGreaterThanOrEqualTo(12);
        List<String> unknown = new ArrayList<>();
        for (HasMetadata resource : MANIFESTS.resources) {
            unknown.addAll(KubernetesManifests.unknownFields(
                    resource, resource.getKind() + " " + resource.getMetadata().getName()));
        }
        assertThat(unknown).as("fields the Kubernetes model does not know").isEmpty();
    }

    @Test
    void everyWorkloadHasRequestsAndLimitsAndRunsAsNonRootOnAReadOnlyRoot() {
        assertThat(MANIFESTS.podTemplates()).hasSize(2);
        MANIFESTS.podTemplates().forEach((workload, template) -> {
            PodSecurityContext pod = template.getSpec().getSecurityContext();
            assertThat(pod.getRunAsNonRoot()).as(workload + " runAsNonRoot").isTrue();
            assertThat(pod.getRunAsUser()).as(workload + " runAsUser").isPositive();
            assertThat(pod.getSeccompProfile().getType()).as(workload).isEqualTo("RuntimeDefault");
            assertThat(template.getSpec().getAutomountServiceAccountToken())
                    .as(workload + " needs no Kubernetes API token")
                    .isFalse();
            for (Container container : template.getSpec().getContainers()) {
                String where = workload + " " + container.getName();
                Map<String, Quantity> requests = container.getResources().getRequests();
                Map<String, Quantity> limits = container.getResources().getLimits();
                assertThat(requests).as(where + " requests").containsKeys("cpu", "memory");
                assertThat(limits).as(where + " limits").containsKeys("cpu", "memory");
                assertThat(Quantity.getAmountInBytes(limits.get("memory")))
                        .as(where + " memory limit at least the request")
                        .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(requests.get("memory")));
                SecurityContext security = container.getSecurityContext();
                assertThat(security.getReadOnlyRootFilesystem()).as(where).isTrue();
                assertThat(security.getAllowPrivilegeEscalation()).as(where).isFalse();
                assertThat(security.getCapabilities().getDrop()).as(where).containsExactly("ALL");
                // A read-only root needs somewhere for the JVM's scratch files.
                assertThat(container.getVolumeMounts())
                        .as(where + " /tmp")
                        .anyMatch(m -> m.getMountPath().equals("/tmp"));
            }
        });
    }

    @Test
    void noImageIsUntaggedOrLatest() {
        MANIFESTS
                .podTemplates()
                .forEach((workload, template) -> template.getSpec()
                        .getContainers()
                        .forEach(container -> assertThat(container.getImage())
                                .as(workload)
                                .matches(".+:[A-Za-z0-9._-]+")
                                .doesNotEndWith(":latest")));
    }

    @Test
    void hazelcastFindsTheMembersThroughTheHeadlessServiceThatExistsOnTheClusterPort() {
        StatefulSet nodes = nodes();
        Container node = onlyContainer(nodes.getSpec().getTemplate());
        String serviceDns = env(node, "EXAMHALL_CLUSTER_KUBERNETES_SERVICE_DNS").orElseThrow();
        Matcher dns = Pattern.compile("([a-z0-9-]+)\\.([a-z0-9-]+)\\.svc\\.cluster\\.local")
                .matcher(serviceDns);
        assertThat(dns.matches()).as(serviceDns).isTrue();
        assertThat(dns.group(2)).as("the namespace in the DNS name").isEqualTo(MANIFESTS.namespace);

        Service headless = MANIFESTS.named(Service.class, dns.group(1)).orElseThrow();
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(headless.getSpec().getPublishNotReadyAddresses())
                .as("a starting node joins before it is ready")
                .isTrue();
        assertThat(nodes.getSpec().getServiceName())
                .isEqualTo(headless.getMetadata().getName());
        assertThat(selects(headless.getSpec().getSelector(), nodes.getSpec().getTemplate()))
                .isTrue();
        ServicePort port = headless.getSpec().getPorts().stream()
                .filter(p -> p.getPort() == Integer.parseInt(HAZELCAST_PORT))
                .findFirst()
                .orElseThrow();
        assertThat(containerPort(node, port.getTargetPort())).isEqualTo(Integer.parseInt(HAZELCAST_PORT));
        assertThat(env(node, "EXAMHALL_CLUSTER_PORT")).contains(HAZELCAST_PORT);
        assertThat(env(node, "EXAMHALL_CLUSTER_MEMBERS"))
                .as("no fixed member list")
                .isEmpty();
        assertThat(node.getEnv())
                .filteredOn(e -> e.getName().equals("EXAMHALL_CLUSTER_HOST"))
                .singleElement()
                .satisfies(host -> assertThat(host.getValueFrom().getFieldRef().getFieldPath())
                        .isEqualTo("status.podIP"));
    }

    @Test
    void nodesAreReadyOnHealthAndDrainBeforeTheyStopWithinTheirGracePeriod() {
        StatefulSet nodes = nodes();
        Container node = onlyContainer(nodes.getSpec().getTemplate());
        int httpPort = containerPort(node, new IntOrString("http"));

        assertThat(node.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(containerPort(node, node.getReadinessProbe().getHttpGet().getPort()))
                .isEqualTo(httpPort);

        String preStop =
                String.join(" ", node.getLifecycle().getPreStop().getExec().getCommand());
        assertThat(preStop).contains("http://127.0.0.1:" + httpPort + "/drain").contains("--post-data=");
        Matcher sleep = Pattern.compile("sleep (\\d+)").matcher(preStop);
        int afterDrain = sleep.find() ? Integer.parseInt(sleep.group(1)) : 0;
        int drain = Integer.parseInt(env(node, "EXAMHALL_HTTP_DRAIN_SECONDS").orElseThrow());
        assertThat(nodes.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .as("the grace period outlasts the drain and the wait after it")
                .isGreaterThan((long) drain + afterDrain);
    }

    @Test
    void theDisruptionBudgetSelectsTheNodesAndKeepsAMajority() {
        StatefulSet nodes = nodes();
        PodDisruptionBudget budget = MANIFESTS.one(PodDisruptionBudget.class);

        assertThat(selects(budget.getSpec().getSelector(), nodes.getSpec().getTemplate()))
                .isTrue();
        int replicas = nodes.getSpec().getReplicas();
        assertThat(replicas).as("a majority survives one lost node").isGreaterThanOrEqualTo(3);
        IntOrString minAvailable = budget.getSpec().getMinAvailable();
        assertThat(minAvailable.getIntVal()).as("minAvailable as a number").isNotNull();
        assertThat(minAvailable.getIntVal()).isGreaterThan(replicas / 2).isLessThan(replicas);
    }

    @Test
    void hazelcastAndPostgresqlAdmitOnlyTheNodes() {
        List<NetworkPolicy> policies = MANIFESTS.all(NetworkPolicy.class);
        assertThat(policies)
                .as("a default deny for the namespace")
                .anyMatch(p -> isNullOrEmpty(p.getSpec().getPodSelector().getMatchLabels())
                        && isNullOrEmpty(p.getSpec().getPodSelector().getMatchExpressions())
                        && isNullOrEmpty(p.getSpec().getIngress())
                        && p.getSpec().getPolicyTypes().contains("Ingress"));
        PodTemplateSpec nodePods = nodes().getSpec().getTemplate();
        NetworkPolicy forNodes = policies.stream()
                .filter(p -> selects(p.getSpec().getPodSelector(), nodePods)
                        && !isNullOrEmpty(p.getSpec().getPodSelector().getMatchLabels()))
                .findFirst()
                .orElseThrow();
        assertOnlyNodesReach(forNodes, Integer.parseInt(HAZELCAST_PORT), nodePods);

        NetworkPolicy forPostgresql =
                MANIFESTS.named(NetworkPolicy.class, "postgresql").orElseThrow();
        assertOnlyNodesReach(forPostgresql, POSTGRESQL_PORT, nodePods);
        assertThat(forPostgresql.getSpec().getIngress())
                .as("PostgreSQL reachable at all")
                .anyMatch(rule -> admits(rule, POSTGRESQL_PORT));
    }

    /** Every rule that admits the port (all ports, when it names none) comes only from the nodes' pods. */
    private void assertOnlyNodesReach(NetworkPolicy policy, int port, PodTemplateSpec nodePods) {
        assertThat(policy.getSpec().getPolicyTypes()).contains("Ingress");
        for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
            if (!admits(rule, port)) {
                continue;
            }
            assertThat(rule.getFrom())
                    .as(policy.getMetadata().getName() + " port " + port)
                    .isNotEmpty();
            for (NetworkPolicyPeer peer : rule.getFrom()) {
                assertThat(peer.getNamespaceSelector())
                        .as("peer from another namespace")
                        .isNull();
                assertThat(peer.getIpBlock()).as("peer by address").isNull();
                assertThat(peer.getPodSelector().getMatchLabels())
                        .as("peer pods")
                        .isNotEmpty();
                assertThat(selects(peer.getPodSelector(), nodePods))
                        .as(policy.getMetadata().getName() + " admits " + port + " from " + peer.getPodSelector())
                        .isTrue();
            }
        }
    }

    private static boolean isNullOrEmpty(Object value) {
        return value == null
                || value instanceof Map<?, ?> map && map.isEmpty()
                || value instanceof List<?> list && list.isEmpty();
    }

    private static boolean admits(NetworkPolicyIngressRule rule, int port) {
        List<NetworkPolicyPort> ports = rule.getPorts();
        return ports == null
                || ports.isEmpty()
                || ports.stream()
                        .anyMatch(p -> p.getPort() == null
                                || Integer.valueOf(port).equals(p.getPort().getIntVal()));
    }

    @Test
    void everyVariableIsOneTheProgramReads() {
        Map<String, Set<String>> known = Map.of(
                "StatefulSet exam-server", KnownSettings.examServer(),
                "Deployment proctor-gateway", KnownSettings.gateway());
        assertThat(MANIFESTS.podTemplates()).containsOnlyKeys(known.keySet());
        MANIFESTS.podTemplates().forEach((workload, template) -> {
            List<String> variables = onlyContainer(template).getEnv().stream()
                    .map(EnvVar::getName)
                    .toList();
            assertThat(variables).as(workload).isNotEmpty();
            assertThat(variables)
                    .as(workload + ": variables the program does not read")
                    .allMatch(variable -> KnownSettings.accepts(known.get(workload), variable));
        });
    }

    @Test
    void everySecretIsAMountedFileThatTheConfigurationNamesAndTheGuideCreates() throws IOException {
        Map<String, Set<String>> created =
                DocumentedSecrets.read(CheckoutRoot.path().resolve("docs/deployment.md"));
        MANIFESTS.podTemplates().forEach((workload, template) -> {
            Container container = onlyContainer(template);
            assertThat(container.getEnvFrom()).as(workload + " envFrom").isNullOrEmpty();
            for (EnvVar variable : container.getEnv()) {
                assertThat(variable.getValueFrom() == null
                                || variable.getValueFrom().getSecretKeyRef() == null)
                        .as(workload + " " + variable.getName() + " from a secretKeyRef")
                        .isTrue();
                assertThat(SECRET_SETTINGS).as(workload + " secret as a value").doesNotContain(variable.getName());
            }
            Map<String, String> secretMounts = secretMounts(template, container);
            assertThat(secretMounts).as(workload + " mounts secrets").isNotEmpty();
            secretMounts
                    .values()
                    .forEach(secret -> assertThat(created)
                            .as("docs/deployment.md creates the Secret " + secret)
                            .containsKey(secret));
            List<String> secretFiles = container.getEnv().stream()
                    .filter(e -> e.getName().endsWith("_FILE") && e.getValue() != null)
                    .filter(e -> e.getValue().startsWith("/run/secrets/"))
                    .map(EnvVar::getValue)
                    .toList();
            assertThat(secretFiles)
                    .as(workload + " settings read from secret files")
                    .isNotEmpty();
            for (String file : secretFiles) {
                Path path = Path.of(file);
                String secret = secretMounts.get(path.getParent().toString());
                assertThat(secret).as(file + " lies in a mounted Secret").isNotNull();
                assertThat(created.get(secret))
                        .as(file + ": docs/deployment.md puts this key into " + secret)
                        .contains(path.getFileName().toString());
            }
        });
        StatefulSet nodes = nodes();
        Container node = onlyContainer(nodes.getSpec().getTemplate());
        for (String setting : List.of("EXAMHALL_DB_PASSWORD", "EXAMHALL_DATA_KEY", "EXAMHALL_INDEX_KEY")) {
            assertThat(env(node, setting + "_FILE")).as(setting + " as a file").isPresent();
        }
    }

    @Test
    void theNodesReachPostgresqlOverVerifiedTlsAsAProductionNodeRequires() throws IOException {
        Container node = onlyContainer(nodes().getSpec().getTemplate());
        DatabaseEndpoint endpoint =
                DatabaseEndpoint.parse(env(node, "EXAMHALL_DB_URL").orElseThrow(), "examhall", null);
        assertThat(endpoint.plainTextRefusal())
                .as("a production node refuses it")
                .isEmpty();
        assertThat(endpoint.hosts()).as("a primary and its standby").hasSizeGreaterThanOrEqualTo(2);
        assertThat(endpoint.tls().mode())
                .as("the servers' certificates and names verified")
                .isEqualTo(DatabaseTls.Mode.VERIFY_FULL);
        Path rootCert = Path.of(endpoint.tls().rootCert());
        String secret = secretMounts(nodes().getSpec().getTemplate(), node)
                .get(rootCert.getParent().toString());
        assertThat(secret).as(rootCert + " lies in a mounted Secret").isNotNull();
        assertThat(DocumentedSecrets.read(CheckoutRoot.path().resolve("docs/deployment.md"))
                        .get(secret))
                .as(rootCert + ": docs/deployment.md puts this key into " + secret)
                .contains(rootCert.getFileName().toString());
    }

    /** Mount path → Secret name, for the container's mounts of secret volumes. */
    private static Map<String, String> secretMounts(PodTemplateSpec template, Container container) {
        Map<String, String> mounts = new HashMap<>();
        for (VolumeMount mount : container.getVolumeMounts()) {
            template.getSpec().getVolumes().stream()
                    .filter(v -> v.getName().equals(mount.getName()) && v.getSecret() != null)
                    .findFirst()
                    .ifPresent(v -> {
                        assertThat(mount.getReadOnly())
                                .as(mount.getMountPath() + " read-only")
                                .isTrue();
                        mounts.put(mount.getMountPath(), v.getSecret().getSecretName());
                    });
        }
        return mounts;
    }

    @Test
    void theGatewayKeepsItsArchiveOnAClaimThatExists() {
        Deployment gateway =
                MANIFESTS.named(Deployment.class, "proctor-gateway").orElseThrow();
        assertThat(gateway.getSpec().getReplicas()).isEqualTo(1);
        assertThat(gateway.getSpec().getStrategy().getType())
                .as("never two gateways on one ReadWriteOnce volume")
                .isEqualTo("Recreate");
        PodTemplateSpec template = gateway.getSpec().getTemplate();
        Volume data = template.getSpec().getVolumes().stream()
                .filter(v -> v.getPersistentVolumeClaim() != null)
                .findFirst()
                .orElseThrow();
        PersistentVolumeClaim claim = MANIFESTS
                .named(
                        PersistentVolumeClaim.class,
                        data.getPersistentVolumeClaim().getClaimName())
                .orElseThrow();
        assertThat(claim.getSpec().getResources().getRequests()).containsKey("storage");
        Container container = onlyContainer(template);
        String mounted = container.getVolumeMounts().stream()
                .filter(m -> m.getName().equals(data.getName()))
                .findFirst()
                .orElseThrow()
                .getMountPath();
        String config = MANIFESTS
                .named(ConfigMap.class, "proctor-gateway-config")
                .orElseThrow()
                .getData()
                .get("gateway.yaml");
        assertThat(config)
                .as("the archive and data directory on the claim")
                .contains("dataDir: " + mounted)
                .contains("root: " + mounted + "/");
    }

    @Test
    void theIngressHasTlsAndRoutesToServicePortsThatExist() throws IOException {
        Ingress ingress = MANIFESTS.one(Ingress.class);
        Map<String, Set<String>> created =
                DocumentedSecrets.read(CheckoutRoot.path().resolve("docs/deployment.md"));
        assertThat(ingress.getSpec().getTls()).isNotEmpty();
        Set<String> tlsHosts = new TreeSet<>();
        ingress.getSpec().getTls().forEach(tls -> {
            assertThat(created)
                    .as("docs/deployment.md creates " + tls.getSecretName())
                    .containsKey(tls.getSecretName());
            tlsHosts.addAll(tls.getHosts());
        });
        assertThat(ingress.getSpec().getRules()).isNotEmpty();
        for (IngressRule rule : ingress.getSpec().getRules()) {
            assertThat(tlsHosts).as("TLS for " + rule.getHost()).contains(rule.getHost());
            rule.getHttp().getPaths().forEach(path -> {
                IngressBackend backend = path.getBackend();
                Service service = MANIFESTS
                        .named(Service.class, backend.getService().getName())
                        .orElseThrow(() -> new AssertionError(
                                "no Service " + backend.getService().getName()));
                assertThat(service.getSpec().getPorts())
                        .as(rule.getHost() + " → " + service.getMetadata().getName())
                        .anyMatch(p -> p.getName()
                                        .equals(backend.getService().getPort().getName())
                                || Integer.valueOf(p.getPort())
                                        .equals(backend.getService().getPort().getNumber()));
            });
        }
        assertThat(ingress.getMetadata().getAnnotations())
                .as("the node's body limit")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-body-size", ServerLimits.bodyLimitMegabytes() + "m");
    }

    @Test
    void everyServiceSelectsTheContainerPortsOfAPodTemplate() {
        for (Service service : MANIFESTS.all(Service.class)) {
            String name = service.getMetadata().getName();
            PodTemplateSpec template = MANIFESTS.podTemplates().values().stream()
                    .filter(t -> selects(service.getSpec().getSelector(), t))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("Service " + name + " selects no pod template"));
            for (ServicePort port : service.getSpec().getPorts()) {
                assertThat(containerPort(onlyContainer(template), port.getTargetPort()))
                        .as(name + " port " + port.getName())
                        .isPositive();
            }
        }
    }

    private StatefulSet nodes() {
        return MANIFESTS.named(StatefulSet.class, NODE).orElseThrow();
    }

    private static boolean selects(LabelSelector selector, PodTemplateSpec template) {
        assertThat(selector.getMatchExpressions())
                .as("selectors by labels only")
                .isNullOrEmpty();
        return selects(selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels(), template);
    }

    private static boolean selects(Map<String, String> selector, PodTemplateSpec template) {
        Map<String, String> labels = template.getMetadata().getLabels();
        return selector != null
                && labels != null
                && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    /** The container port a Service or probe names (by name or number); fails when the container has none such. */
    private static int containerPort(Container container, IntOrString port) {
        return container.getPorts().stream()
                .filter(p -> port.getStrVal() != null
                        ? port.getStrVal().equals(p.getName())
                        : port.getIntVal().equals(p.getContainerPort()))
                .map(ContainerPort::getContainerPort)
                .findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no port " + port));
    }
}
