package io.rpik8s.dev.simcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatedControllerTest {

    private final KubernetesClient client = SharedCluster.get().client();
    private String ns;

    @BeforeEach
    void namespace() {
        ns = "t-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    }

    @Test
    void turnsADeploymentIntoAReplicaSetAndReadyPodsThenScales() {
        client.apps().deployments().inNamespace(ns).resource(deployment("web", "nginx:1.27", 2)).create();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Deployment d = client.apps().deployments().inNamespace(ns).withName("web").get();
            assertEquals(2, d.getStatus().getReadyReplicas());
            assertEquals(2, d.getStatus().getUpdatedReplicas());
            assertEquals(d.getMetadata().getGeneration(), d.getStatus().getObservedGeneration());
            assertEquals("NewReplicaSetAvailable", condition(d, "Progressing").getReason());
            assertEquals("True", condition(d, "Available").getStatus());
        });
        List<ReplicaSet> sets = sets("web");
        assertEquals(1, sets.size());
        assertTrue(sets.get(0).getMetadata().getName().startsWith("web-"));
        assertEquals("1", sets.get(0).getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"));
        pods("web").forEach(p -> {
            assertEquals("Running", p.getStatus().getPhase());
            assertTrue(p.getSpec().getNodeName().startsWith("pi-"));
            ContainerStatus cs = p.getStatus().getContainerStatuses().get(0);
            assertTrue(cs.getReady() && cs.getStarted());
            assertEquals("nginx:1.27", cs.getImage());
        });

        client.apps().deployments().inNamespace(ns).withName("web").scale(4);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertEquals(4, client.apps().deployments().inNamespace(ns).withName("web").get().getStatus().getReadyReplicas()));
        client.apps().deployments().inNamespace(ns).withName("web").scale(1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(1, pods("web").size()));
    }

    @Test
    void rollsOutANewRevisionAndRollsBackByReusingTheOldReplicaSet() {
        client.apps().deployments().inNamespace(ns).resource(deployment("api", "acme/api:1", 2)).create();
        awaitRolledOut("api", "acme/api:1");
        String firstRs = sets("api").get(0).getMetadata().getName();

        setImage("api", "acme/api:2");
        awaitRolledOut("api", "acme/api:2");
        assertEquals(2, sets("api").size());
        assertEquals("2", revisionOf(activeSet("api")));

        setImage("api", "acme/api:1");
        awaitRolledOut("api", "acme/api:1");
        assertEquals(2, sets("api").size(), "the old ReplicaSet is reused, not recreated");
        ReplicaSet active = activeSet("api");
        assertEquals(firstRs, active.getMetadata().getName());
        assertEquals("3", revisionOf(active));
        assertEquals("3", client.apps().deployments().inNamespace(ns).withName("api").get().getMetadata()
                .getAnnotations().get("deployment.kubernetes.io/revision"));
    }

    @Test
    void garbageCollectsReplicaSetsAndPodsOfADeletedDeployment() {
        client.apps().deployments().inNamespace(ns).resource(deployment("gone", "nginx:1.27", 2)).create();
        await().atMost(Duration.ofSeconds(20)).until(() -> pods("gone").size() == 2);

        client.apps().deployments().inNamespace(ns).withName("gone").delete();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertEquals(0, sets("gone").size());
            assertEquals(0, pods("gone").size());
        });
    }

    @Test
    void keepsPodsOfABrokenImageInImagePullBackOffAndReportsTheDeadline() {
        Deployment broken = deployment("bad", "nginx:broken-tag", 1);
        broken.getSpec().setProgressDeadlineSeconds(3);
        client.apps().deployments().inNamespace(ns).resource(broken).create();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Pod pod = pods("bad").get(0);
            assertEquals("Pending", pod.getStatus().getPhase());
            assertEquals("ImagePullBackOff", pod.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason());
            DeploymentCondition progressing = condition(client.apps().deployments().inNamespace(ns).withName("bad").get(), "Progressing");
            assertEquals("False", progressing.getStatus());
            assertEquals("ProgressDeadlineExceeded", progressing.getReason());
        });
    }

    @Test
    void aNeverReadyImageRunsWithoutBecomingReadyAndItsRolloutExceedsTheDeadline() {
        Deployment unready = deployment("slow", "nginx:1.28-unready", 1);
        unready.getSpec().setProgressDeadlineSeconds(2);
        client.apps().deployments().inNamespace(ns).resource(unready).create();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Pod pod = pods("slow").get(0);
            assertEquals("Running", pod.getStatus().getPhase());
            assertEquals(false, pod.getStatus().getContainerStatuses().get(0).getReady());
            assertEquals("ProgressDeadlineExceeded",
                    condition(client.apps().deployments().inNamespace(ns).withName("slow").get(), "Progressing").getReason());
            assertTrue(client.v1().events().inNamespace(ns).list().getItems().stream()
                    .anyMatch(e -> "Unhealthy".equals(e.getReason())), "the kubelet reports the failing probe");
        });
    }

    /**
     * A namespace and its first Deployment created while a controller pass is listing (as a test or a user does)
     * are kept: the pass must not take the new namespace for a deleted one and collect the Deployment. Driven
     * deterministically: the two are created just before the pass lists Deployments.
     */
    @Test
    void aNamespaceCreatedDuringAPassKeepsItsObjects() {
        String late = "t-late-" + UUID.randomUUID().toString().substring(0, 8);
        java.util.concurrent.atomic.AtomicBoolean created = new java.util.concurrent.atomic.AtomicBoolean();
        io.fabric8.kubernetes.client.http.Interceptor createDuringPass = new io.fabric8.kubernetes.client.http.Interceptor() {
            @Override
            public void before(io.fabric8.kubernetes.client.http.BasicBuilder builder,
                    io.fabric8.kubernetes.client.http.HttpRequest request, RequestTags tags) {
                if (request.uri().getPath().equals("/apis/apps/v1/deployments") && created.compareAndSet(false, true)) {
                    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(late).endMetadata()
                            .build()).create();
                    Deployment d = deployment("early", "nginx:1.27", 1);
                    d.getMetadata().setNamespace(late);
                    client.apps().deployments().inNamespace(late).resource(d).create();
                }
            }
        };
        try (KubernetesClient intercepted = new io.fabric8.kubernetes.client.KubernetesClientBuilder()
                .withConfig(client.getConfiguration())
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("create-during-pass", createDuringPass))
                .build()) {
            new io.rpik8s.dev.simcluster.controller.SimulatedController(intercepted).pass(java.time.Instant.now());
        }
        assertTrue(created.get(), "the namespace was created during the pass");
        assertTrue(client.apps().deployments().inNamespace(late).withName("early").get() != null,
                "the Deployment of a namespace created during the pass was collected");
    }

    /** Awaitility that retries while objects are not there yet (NPEs on a missing status). */
    private static org.awaitility.core.ConditionFactory await() {
        return org.awaitility.Awaitility.await().ignoreExceptions().pollInterval(Duration.ofMillis(200));
    }

    private void awaitRolledOut(String name, String image) {
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            Deployment d = client.apps().deployments().inNamespace(ns).withName(name).get();
            assertEquals(d.getMetadata().getGeneration(), d.getStatus().getObservedGeneration());
            assertEquals("NewReplicaSetAvailable", condition(d, "Progressing").getReason());
            List<Pod> pods = pods(name);
            assertEquals(2, pods.size());
            pods.forEach(p -> assertEquals(image, p.getSpec().getContainers().get(0).getImage()));
        });
    }

    private void setImage(String name, String image) {
        client.apps().deployments().inNamespace(ns).withName(name)
                .edit(d -> new DeploymentBuilder(d).editSpec().editTemplate().editSpec().editFirstContainer()
                        .withImage(image).endContainer().endSpec().endTemplate().endSpec().build());
    }

    private ReplicaSet activeSet(String name) {
        return sets(name).stream().filter(rs -> rs.getSpec().getReplicas() > 0).findFirst().orElseThrow();
    }

    private static String revisionOf(ReplicaSet rs) {
        return rs.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision");
    }

    private List<ReplicaSet> sets(String app) {
        return client.apps().replicaSets().inNamespace(ns).withLabel("app", app).list().getItems();
    }

    private List<Pod> pods(String app) {
        return client.pods().inNamespace(ns).withLabel("app", app).list().getItems();
    }

    private static DeploymentCondition condition(Deployment d, String type) {
        return d.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
    }

    private Deployment deployment(String name, String image, int replicas) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(Map.of("app", name)).endMetadata()
                .withNewSpec().addNewContainer().withName(name).withImage(image).endContainer().endSpec()
                .endTemplate().endSpec().build();
    }
}
