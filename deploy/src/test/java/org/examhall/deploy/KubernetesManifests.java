package org.examhall.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The manifests under deploy/kubernetes as kustomize assembles them: each file the kustomization names, each of its
 * YAML documents read into fabric8's Kubernetes model, with the kustomization's namespace.
 */
final class KubernetesManifests {

    static final Path DIRECTORY = CheckoutRoot.path().resolve("deploy/kubernetes");

    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

    final String namespace;
    final List<String> resourceFiles;
    final List<HasMetadata> resources;

    private KubernetesManifests(String namespace, List<String> resourceFiles, List<HasMetadata> resources) {
        this.namespace = namespace;
        this.resourceFiles = resourceFiles;
        this.resources = resources;
    }

    static KubernetesManifests load() {
        try {
            Map<String, Object> kustomization = YamlFiles.read(DIRECTORY.resolve("kustomization.yaml"));
            List<String> files = new ArrayList<>();
            for (Object file : (List<?>) kustomization.get("resources")) {
                files.add((String) file);
            }
            KubernetesSerialization serialization = new KubernetesSerialization();
            List<HasMetadata> resources = new ArrayList<>();
            for (String file : files) {
                String text = Files.readString(DIRECTORY.resolve(file), StandardCharsets.UTF_8);
                for (String document : DOCUMENT_SEPARATOR.split(text)) {
                    if (!document.lines()
                            .allMatch(line -> line.isBlank() || line.trim().startsWith("#"))) {
                        resources.add(serialization.unmarshal(document, HasMetadata.class));
                    }
                }
            }
            return new KubernetesManifests((String) kustomization.get("namespace"), files, resources);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return resources.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> Optional<T> named(Class<T> kind, String name) {
        return all(kind).stream()
                .filter(r -> name.equals(r.getMetadata().getName()))
                .findFirst();
    }

    <T extends HasMetadata> T one(Class<T> kind) {
        List<T> found = all(kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind.getSimpleName() + ", found " + found.size());
        }
        return found.get(0);
    }

    /** The pod templates of every workload, by the workload's kind and name. */
    Map<String, PodTemplateSpec> podTemplates() {
        Map<String, PodTemplateSpec> templates = new LinkedHashMap<>();
        all(StatefulSet.class)
                .forEach(s -> templates.put(
                        "StatefulSet " + s.getMetadata().getName(), s.getSpec().getTemplate()));
        all(Deployment.class)
                .forEach(d -> templates.put(
                        "Deployment " + d.getMetadata().getName(), d.getSpec().getTemplate()));
        return templates;
    }

    static Container onlyContainer(PodTemplateSpec template) {
        List<Container> containers = template.getSpec().getContainers();
        if (containers.size() != 1) {
            throw new AssertionError("expected one container, found " + containers.size());
        }
        return containers.get(0);
    }

    static Optional<String> env(Container container, String name) {
        return container.getEnv().stream()
                .filter(e -> name.equals(e.getName()))
                .map(e -> e.getValue())
                .findFirst();
    }

    /**
     * Fields the model does not know land in the objects' additional properties instead of failing the read: a
     * misspelt field ({@code readinesProbe}) would otherwise pass unnoticed. Returns where each one is.
     */
    static List<String> unknownFields(Object model, String path) {
        List<String> unknown = new ArrayList<>();
        collectUnknown(model, path, unknown);
        return unknown;
    }

    private static void collectUnknown(Object value, String path, List<String> unknown) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                collectUnknown(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> collectUnknown(item, path + "." + key, unknown));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || getter.getName().equals("getClass")) {
                continue;
            }
            Object field;
            try {
                field = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + " " + extra.keySet());
                }
            } else {
                collectUnknown(field, path + "." + getter.getName().substring(3), unknown);
            }
        }
    }
}
