package io.rpik8s.deployment;

import static io.rpik8s.deployment.DeploymentApiTest.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rpik8s.model.events.EventSchemas;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.model.events.Topics;
import io.rpik8s.testsupport.EventProbe;
import io.rpik8s.testsupport.PlatformTestResource;
import io.rpik8s.testsupport.ReceivedEvent;
import io.rpik8s.testsupport.TestTokens;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Workloads made with kubectl in a managed namespace are apps too: listed, marked unmanaged, with no plugin. */
@QuarkusTest
@WithTestResource(SimulatedClusterResource.class)
@WithTestResource(PlatformTestResource.class)
class WorkloadsMadeOutsideTest {

    @SimulatedClusterResource.Inject
    TestCluster cluster;

    KubernetesClient kube;

    @BeforeEach
    void namespaces() {
        kube = cluster.kube();
        cluster.namespace("watched");
        cluster.namespace("apps");
    }

    @Test
    void everyDeploymentStatefulSetAndCronJobOfAManagedNamespaceIsListedWithManagedAndPlugin() {
        kube.apps().deployments().resource(TestCluster.plainDeployment("watched", "hand-made", "nginx:1.27", 2))
                .create();
        kube.apps().statefulSets().resource(new StatefulSetBuilder().withNewMetadata().withName("hand-db")
                .withNamespace("watched").endMetadata().withNewSpec().withReplicas(1).withServiceName("hand-db")
                .withNewSelector().addToMatchLabels("app", "hand-db").endSelector().withNewTemplate()
                .withNewMetadata().addToLabels("app", "hand-db").endMetadata().withNewSpec().addNewContainer()
                .withName("db").withImage("postgres:16").endContainer().endSpec().endTemplate().endSpec().build())
                .create();
        kube.batch().v1().cronjobs().resource(new CronJobBuilder().withNewMetadata().withName("hand-job")
                .withNamespace("watched").endMetadata().withNewSpec().withSchedule("*/5 * * * *")
                .withNewJobTemplate().withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("job")
                .withImage("busybox:1.36").endContainer().withRestartPolicy("Never").endSpec().endTemplate()
                .endSpec().endJobTemplate().endSpec().build()).create();
        as(TestTokens.operator()).body(Map.of("name", "by-platform", "namespace", "watched",
                "image", "nginx:1.27")).post("/api/v1/deployments").then().statusCode(201);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(TestTokens.viewer())
                .get("/api/v1/deployments?namespace=watched").then().statusCode(200)
                .body("items.find { it.name == 'hand-made' }.managed", equalTo(false))
                .body("items.find { it.name == 'hand-made' }.kind", equalTo("Deployment"))
                .body("items.find { it.name == 'hand-made' }.desired", equalTo(2))
                .body("items.find { it.name == 'hand-made' }.image", equalTo("nginx:1.27"))
                .body("items.find { it.name == 'hand-db' }.managed", equalTo(false))
                .body("items.find { it.name == 'hand-db' }.kind", equalTo("StatefulSet"))
                .body("items.find { it.name == 'hand-job' }.managed", equalTo(false))
                .body("items.find { it.name == 'hand-job' }.kind", equalTo("CronJob"))
                .body("items.find { it.name == 'by-platform' }.managed", equalTo(true))
                .body("items.find { it.name == 'by-platform' }.plugin", equalTo("container")));
        as(TestTokens.viewer()).get("/api/v1/deployments?namespace=watched").then()
                .body("items.find { it.name == 'hand-made' }.plugin", equalTo(null));
        // a plugin filter lists only what that plugin manages
        as(TestTokens.viewer()).get("/api/v1/deployments?namespace=watched&plugin=container").then().statusCode(200)
                .body("items.name", hasItem("by-platform")).body("items.name", not(hasItem("hand-made")));
        // and an unmanaged app shows as it is, but the platform does not change what it does not manage
        as(TestTokens.viewer()).get("/api/v1/deployments/watched/hand-made").then().statusCode(200)
                .body("spec.replicas", equalTo(2));
        as(TestTokens.operator()).body(Map.of("replicas", 3)).post("/api/v1/deployments/watched/hand-made/scale")
                .then().statusCode(404);
    }

    @Test
    void readyEventsOfAManifestAppCarryTheAppsNameNotItsDeployments() {
        try (EventProbe probe = EventProbe.on(Topics.DEPLOYMENTS)) {
            as(TestTokens.operator()).body(Map.of("name", "shopfront", "namespace", "apps", "plugin", "manifest",
                    "config", Map.of("manifests", """
                            apiVersion: apps/v1
                            kind: Deployment
                            metadata:
                              name: shopfront-web
                            spec:
                              replicas: 1
                              selector:
                                matchLabels: {app: shopfront-web}
                              template:
                                metadata:
                                  labels: {app: shopfront-web}
                                spec:
                                  containers:
                                    - name: web
                                      image: ghcr.io/acme/shopfront:1
                            """))).post("/api/v1/deployments").then().statusCode(201);
            // the simulated controllers roll the manifest's Deployment out
            ReceivedEvent ready = probe.await(EventTypes.DEPLOYMENT_READY, e -> "apps/shopfront".equals(e.key()));
            assertThat(ready.data().deployment().name()).isEqualTo("shopfront");
            assertThat(ready.data().deployment().plugin()).isEqualTo("manifest");
            assertThat(EventSchemas.validate(ready.value())).isEmpty();
        }
    }
}
