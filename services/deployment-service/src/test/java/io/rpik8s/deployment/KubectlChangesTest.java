package io.rpik8s.deployment;

import static io.rpik8s.deployment.DeploymentApiTest.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItems;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.rpik8s.model.events.EventSchemas;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.model.events.Topics;
import io.rpik8s.testsupport.EventProbe;
import io.rpik8s.testsupport.PlatformTestResource;
import io.rpik8s.testsupport.ReceivedEvent;
import io.rpik8s.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * What kubectl does to an app, as the API server stores it (the mock has no field manager, so each write carries the
 * managedFields entry the API server would add), is announced like the same change made through the API, with
 * {@code origin: cluster} and who made it; the platform's own changes are announced once. The Fabric8 mock half of
 * the kubectl round trips ({@link KubectlRoundTripsTest} runs the real kubectl against the simulated cluster): the
 * mock has no controllers, so the ReplicaSet that {@code rollout undo} goes back to is written here.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PlatformTestResource.class)
class KubectlChangesTest {

    static final String V1 = "registry.local:5000/team/tweaked:1";
    static final String V2 = "registry.local:5000/team/tweaked:2";

    @KubernetesTestServer
    KubernetesServer server;

    @Test
    void scaleSetImageUndoRestartAndDeleteWithKubectlAreAnnouncedWithOriginClusterAndWhoDidIt() {
        KubernetesClient kube = server.getClient();
        namespace(kube, "apps");
        try (EventProbe probe = EventProbe.on(Topics.DEPLOYMENTS)) {
            as(TestTokens.operator()).body(Map.of("name", "tweaked", "namespace", "apps", "image", V1))
                    .post("/api/v1/deployments").then().statusCode(201);

            kubectl(kube, "kubectl", d -> {
                d.getSpec().setReplicas(3);
                return d;
            });
            ReceivedEvent scaled = fromCluster(probe, EventTypes.DEPLOYMENT_SCALED);
            assertThat(scaled.data().deployment().previousReplicas()).isEqualTo(1);
            assertThat(scaled.data().deployment().replicas()).isEqualTo(3);
            assertThat(scaled.data().actor()).isEqualTo("kubectl");
            assertThat(scaled.data().deployment().plugin()).isEqualTo("container");

            kubectl(kube, "kubectl-set", d -> {
                d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(V2);
                return d;
            });
            ReceivedEvent updated = fromCluster(probe, EventTypes.DEPLOYMENT_UPDATED);
            assertThat(updated.data().deployment().previousImage()).isEqualTo(V1);
            assertThat(updated.data().deployment().image()).isEqualTo(V2);
            assertThat(updated.data().actor()).isEqualTo("kubectl-set");

            // the controller kept revision 1's template in a ReplicaSet; rollout undo puts it back
            Deployment current = kube.apps().deployments().inNamespace("apps").withName("tweaked").get();
            PodTemplateSpec revision1 = revision1(kube, current);
            // the service knows a ReplicaSet once it is in its cache: its event is then listed with the app's
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(TestTokens.viewer())
                    .get("/api/v1/deployments/apps/tweaked/events").then().statusCode(200)
                    .body("reason", hasItems("SuccessfulCreate")));
            kubectl(kube, "kubectl", d -> {
                Map<String, String> labels = new HashMap<>(revision1.getMetadata().getLabels());
                labels.remove("pod-template-hash");
                revision1.getMetadata().setLabels(labels);
                d.getSpec().setTemplate(revision1);
                return d;
            });
            ReceivedEvent rolledBack = fromCluster(probe, EventTypes.DEPLOYMENT_ROLLED_BACK);
            assertThat(rolledBack.data().deployment().revision()).isEqualTo(1L);
            assertThat(rolledBack.data().deployment().previousImage()).isEqualTo(V2);
            assertThat(rolledBack.data().actor()).isEqualTo("kubectl");

            kubectl(kube, "kubectl-rollout", d -> {
                var meta = d.getSpec().getTemplate().getMetadata();
                Map<String, String> annotations = meta.getAnnotations() == null ? new HashMap<>()
                        : new HashMap<>(meta.getAnnotations());
                annotations.put("kubectl.kubernetes.io/restartedAt", Instant.now().toString());
                meta.setAnnotations(annotations);
                return d;
            });
            fromCluster(probe, EventTypes.DEPLOYMENT_RESTARTED);

            // the platform's own change: announced once, by the API
            as(TestTokens.operator()).body(Map.of("replicas", 2)).post("/api/v1/deployments/apps/tweaked/scale")
                    .then().statusCode(200);
            probe.await(EventTypes.DEPLOYMENT_SCALED, e -> "apps/tweaked".equals(e.key())
                    && "api".equals(e.data().deployment().origin()));

            kube.apps().deployments().inNamespace("apps").withName("tweaked").delete();
            ReceivedEvent deleted = fromCluster(probe, EventTypes.DEPLOYMENT_DELETED);
            assertThat(deleted.data().deployment().previousReplicas()).isEqualTo(2);

            eachChangeAnnouncedOnce(probe);
        }
        as(TestTokens.viewer()).get("/api/v1/deployments/apps/tweaked/history").then().statusCode(200)
                .body("items.actor", hasItems("kubectl", "kubectl-set", "kubectl-rollout", "test-operator"));
    }

    @Test
    void statefulSetsAndCronJobsChangedWithKubectlAreAnnouncedAndThePlatformsOwnChangesOnce() {
        KubernetesClient kube = server.getClient();
        namespace(kube, "apps");
        try (EventProbe probe = EventProbe.on(Topics.DEPLOYMENTS)) {
            kube.apps().statefulSets().resource(new StatefulSetBuilder().withNewMetadata().withName("vault-db")
                    .withNamespace("apps").endMetadata().withNewSpec().withReplicas(1).withServiceName("vault-db")
                    .withNewSelector().addToMatchLabels("app", "vault-db").endSelector().withNewTemplate()
                    .withNewMetadata().addToLabels("app", "vault-db").endMetadata().withNewSpec().addNewContainer()
                    .withName("db").withImage("postgres:16").endContainer().endSpec().endTemplate().endSpec().build())
                    .create();
            kube.batch().v1().cronjobs().resource(new CronJobBuilder().withNewMetadata().withName("nightly")
                    .withNamespace("apps").endMetadata().withNewSpec().withSchedule("0 3 * * *")
                    .withNewJobTemplate().withNewSpec().withNewTemplate().withNewSpec().addNewContainer()
                    .withName("job").withImage("busybox:1.36").endContainer().withRestartPolicy("Never").endSpec()
                    .endTemplate().endSpec().endJobTemplate().endSpec().build()).create();
            // the service sees a workload once it is listed from its cache
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(TestTokens.viewer())
                    .get("/api/v1/deployments?namespace=apps").then().statusCode(200)
                    .body("items.name", hasItems("vault-db", "nightly")));

            kubectlEdit(kube.apps().statefulSets().inNamespace("apps").withName("vault-db"), "kubectl", s -> {
                s.getSpec().setReplicas(3);
                return s;
            });
            ReceivedEvent scaled = fromCluster(probe, "apps/vault-db", EventTypes.DEPLOYMENT_SCALED);
            assertThat(scaled.data().deployment().previousReplicas()).isEqualTo(1);
            assertThat(scaled.data().deployment().replicas()).isEqualTo(3);
            assertThat(scaled.data().actor()).isEqualTo("kubectl");

            kubectlEdit(kube.apps().statefulSets().inNamespace("apps").withName("vault-db"), "kubectl-set", s -> {
                s.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("postgres:16.4");
                return s;
            });
            ReceivedEvent updated = fromCluster(probe, "apps/vault-db", EventTypes.DEPLOYMENT_UPDATED);
            assertThat(updated.data().deployment().previousImage()).isEqualTo("postgres:16");
            assertThat(updated.data().deployment().image()).isEqualTo("postgres:16.4");

            kubectlEdit(kube.apps().statefulSets().inNamespace("apps").withName("vault-db"), "kubectl-rollout",
                    s -> {
                        s.getSpec().getTemplate().getMetadata().setAnnotations(
                                Map.of("kubectl.kubernetes.io/restartedAt", Instant.now().toString()));
                        return s;
                    });
            fromCluster(probe, "apps/vault-db", EventTypes.DEPLOYMENT_RESTARTED);

            kubectlEdit(kube.batch().v1().cronjobs().inNamespace("apps").withName("nightly"), "kubectl-set", c -> {
                c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0)
                        .setImage("busybox:1.37");
                return c;
            });
            ReceivedEvent job = fromCluster(probe, "apps/nightly", EventTypes.DEPLOYMENT_UPDATED);
            assertThat(job.data().deployment().image()).isEqualTo("busybox:1.37");
            assertThat(job.data().actor()).isEqualTo("kubectl-set");

            kube.apps().statefulSets().inNamespace("apps").withName("vault-db").delete();
            assertThat(fromCluster(probe, "apps/vault-db", EventTypes.DEPLOYMENT_DELETED).data().deployment()
                    .previousReplicas()).isEqualTo(3);
            kube.batch().v1().cronjobs().inNamespace("apps").withName("nightly").delete();
            fromCluster(probe, "apps/nightly", EventTypes.DEPLOYMENT_DELETED);

            // a manifest app's StatefulSet changed by the platform: announced once, by the API
            as(TestTokens.operator()).body(Map.of("name", "ledger", "namespace", "apps", "plugin", "manifest",
                    "config", Map.of("manifests", ManifestAndPlatformAppTest.SHOP.replace("shop", "ledger"))))
                    .post("/api/v1/deployments").then().statusCode(201);
            as(TestTokens.operator()).body(Map.of("replicas", 2)).post("/api/v1/deployments/apps/ledger/scale")
                    .then().statusCode(200);
            as(TestTokens.operator()).delete("/api/v1/deployments/apps/ledger").then().statusCode(204);
            probe.await(EventTypes.DEPLOYMENT_DELETED, e -> "apps/ledger".equals(e.key()));

            for (String app : List.of("apps/vault-db", "apps/nightly", "apps/ledger")) {
                probe.received().stream().filter(e -> app.equals(e.key()))
                        .forEach(e -> assertThat(EventSchemas.validate(e.value())).isEmpty());
            }
            assertThat(probe.received().stream().filter(e -> "apps/vault-db".equals(e.key()))
                    .map(e -> e.type() + "/" + e.data().deployment().origin()))
                    .as("each change once").containsExactly("deployment.scaled/cluster",
                            "deployment.updated/cluster", "deployment.restarted/cluster",
                            "deployment.deleted/cluster");
            assertThat(probe.received().stream().filter(e -> "apps/ledger".equals(e.key())
                    && !EventTypes.DEPLOYMENT_READY.equals(e.type()))
                    .map(e -> e.type() + "/" + e.data().deployment().origin()))
                    .as("the platform's own changes, once each").containsExactly("deployment.created/api",
                            "deployment.scaled/api", "deployment.deleted/api");
        }
    }

    private static void namespace(KubernetesClient kube, String name) {
        if (kube.namespaces().withName(name).get() == null) {
            kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
                    .create();
        }
    }

    /**
     * What the Deployment controller keeps of revision 1 (a ReplicaSet with V1's template) and the event it records
     * creating its pod: the mock has no controller to do it.
     */
    private static PodTemplateSpec revision1(KubernetesClient kube, Deployment d) {
        PodTemplateSpec template = new PodTemplateSpecBuilder(d.getSpec().getTemplate()).editMetadata()
                .addToLabels("pod-template-hash", "h1").endMetadata().editSpec().editFirstContainer().withImage(V1)
                .endContainer().endSpec().build();
        kube.apps().replicaSets().resource(new ReplicaSetBuilder().withNewMetadata().withName("tweaked-h1")
                .withNamespace("apps").addToAnnotations("deployment.kubernetes.io/revision", "1")
                .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment").withName("tweaked")
                .withUid(d.getMetadata().getUid()).withController(true).endOwnerReference().endMetadata()
                .withNewSpec().withReplicas(1).withSelector(d.getSpec().getSelector()).withTemplate(template).endSpec()
                .build()).create();
        String now = Instant.now().toString();
        kube.v1().events().resource(new EventBuilder().withNewMetadata().withName("tweaked-h1.1").withNamespace("apps")
                .endMetadata().withNewInvolvedObject().withKind("ReplicaSet").withName("tweaked-h1")
                .withNamespace("apps").endInvolvedObject().withReason("SuccessfulCreate").withMessage("Created pod")
                .withType("Normal").withCount(1).withFirstTimestamp(now).withLastTimestamp(now).build()).create();
        return template;
    }

    /** {@link #kubectl} for any kind: the change, and the managedFields entry the API server records for it. */
    private static <T extends HasMetadata> void kubectlEdit(Resource<T> resource, String manager,
            UnaryOperator<T> change) {
        resource.edit(o -> {
            T changed = change.apply(o);
            changed.getMetadata().setManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager(manager)
                    .withOperation("Update").withApiVersion(o.getApiVersion()).withTime(Instant.now().toString())
                    .build()));
            return changed;
        });
    }

    private static ReceivedEvent fromCluster(EventProbe probe, String app, String type) {
        return probe.await(type, e -> app.equals(e.key()) && "cluster".equals(e.data().deployment().origin()));
    }

    /** A write as kubectl makes it: the change, and the managedFields entry the API server records for it. */
    private static void kubectl(KubernetesClient kube, String manager, UnaryOperator<Deployment> change) {
        kube.apps().deployments().inNamespace("apps").withName("tweaked").edit(d -> {
            Deployment changed = change.apply(d);
            changed.getMetadata().setManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager(manager)
                    .withOperation("Update").withApiVersion("apps/v1").withTime(Instant.now().toString()).build()));
            return changed;
        });
    }

    private static ReceivedEvent fromCluster(EventProbe probe, String type) {
        return probe.await(type, e -> "apps/tweaked".equals(e.key())
                && "cluster".equals(e.data().deployment().origin()));
    }

    /**
     * The app {@code apps/tweaked} created through the API, changed by kubectl (scale, set image, undo, restart), scaled
     * through the API and deleted by kubectl: each change announced once, with its origin, as the schema says.
     */
    static void eachChangeAnnouncedOnce(EventProbe probe) {
        List<ReceivedEvent> ours = probe.received().stream().filter(e -> "apps/tweaked".equals(e.key())
                && !EventTypes.DEPLOYMENT_READY.equals(e.type())).toList();
        assertThat(ours).extracting(e -> e.type() + "/" + e.data().deployment().origin()).as("each change once")
                .containsExactly("deployment.created/api", "deployment.scaled/cluster",
                        "deployment.updated/cluster", "deployment.rolled_back/cluster",
                        "deployment.restarted/cluster", "deployment.scaled/api", "deployment.deleted/cluster");
        ours.forEach(e -> assertThat(EventSchemas.validate(e.value())).isEmpty());
    }
}
