package io.rpik8s.deployment;

import static io.rpik8s.deployment.DeploymentApiTest.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.rpik8s.testsupport.PlatformTestResource;
import io.rpik8s.testsupport.TestTokens;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A page of the app list is cut by namespace and name before apps are summarized: totals and pages stay exact. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@WithTestResource(PlatformTestResource.class)
class AppListPagingTest {

    @KubernetesTestServer
    KubernetesServer server;

    private static io.restassured.response.Response page(int page) {
        return as(TestTokens.viewer()).queryParam("labelSelector", "suite=paging").queryParam("size", 2)
                .queryParam("page", page).get("/api/v1/deployments");
    }

    @Test
    void pagesFollowNamespaceAndNameOrderWithTheTotalOfEveryMatchingApp() {
        KubernetesClient kube = server.getClient();
        for (String ns : new String[] {"watched", "apps"}) {
            if (kube.namespaces().withName(ns).get() == null) {
                kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata()
                        .build()).create();
            }
        }
        // created out of order, in two namespaces: the list orders by namespace, then name
        for (String id : new String[] {"apps/paged-c", "watched/paged-a", "apps/paged-a", "watched/paged-b",
                "apps/paged-b"}) {
            String[] nsName = id.split("/");
            kube.apps().deployments().resource(new DeploymentBuilder().withNewMetadata().withName(nsName[1])
                    .withNamespace(nsName[0]).addToLabels("suite", "paging").endMetadata().withNewSpec()
                    .withReplicas(1).withNewSelector().addToMatchLabels("app", nsName[1]).endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", nsName[1]).endMetadata().withNewSpec()
                    .addNewContainer().withName("web").withImage("nginx:1.27").endContainer().endSpec()
                    .endTemplate().endSpec().build()).create();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> page(0).then()
                .statusCode(200).body("total", equalTo(5)));

        page(0).then().statusCode(200)
                .body("items.namespace", contains("apps", "apps")).body("items.name", contains("paged-a", "paged-b"))
                .body("page", equalTo(0)).body("size", equalTo(2));
        page(1).then().statusCode(200)
                .body("items.namespace", contains("apps", "watched"))
                .body("items.name", contains("paged-c", "paged-a")).body("total", equalTo(5));
        page(2).then().statusCode(200)
                .body("items.name", contains("paged-b")).body("items[0].desired", equalTo(1))
                .body("items[0].image", equalTo("nginx:1.27")).body("total", equalTo(5));
        page(3).then().statusCode(200)
                .body("items", empty()).body("total", equalTo(5));
    }
}
