package io.rpik8s.dev.simcluster.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpik8s.dev.simcluster.SharedCluster;
import io.rpik8s.dev.simcluster.admission.Api.Answer;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The built-in kinds the platform writes are validated field by field, as kube-apiserver validates them. */
class FieldValidationTest {

    private static final Api API = new Api(SharedCluster.get());
    private static final String NS = "fv-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/" + NS + "/deployments";
    private static final String CORE = "/api/v1/namespaces/" + NS;

    @BeforeAll
    static void namespace() {
        Answer created = API.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + NS + "\"}}");
        assertThat(created.code()).as(created.body().toString()).isEqualTo(201);
    }

    @Test
    void aDeploymentNameMustBeADns1123Subdomain() {
        Answer answer = API.post(DEPLOYMENTS, deployment("Bad_Name", "app", "app", "nginx:1.27", 1));

        assertThat(answer.code()).isEqualTo(422);
        assertThat(answer.body().path("message").asText()).startsWith("Deployment.apps \"Bad_Name\" is invalid: "
                + "metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of");
        assertThat(answer.body().path("details").path("group").asText()).isEqualTo("apps");
        assertThat(answer.fields()).containsExactly("metadata.name");
    }

    @Test
    void labelKeysAndValuesFollowTheLabelSyntax() {
        String body = deployment("labelled", "app", "app", "nginx:1.27", 1)
                .replace("\"metadata\": {\"name\": \"labelled\"}",
                        "\"metadata\": {\"name\": \"labelled\", \"labels\": {\"bad key\": \"ok\", \"team\": \"not ok!\"}}");
        Answer answer = API.post(DEPLOYMENTS, body);

        assertThat(answer.code()).isEqualTo(422);
        assertThat(answer.fields()).containsExactly("metadata.labels", "metadata.labels");
        assertThat(answer.body().path("message").asText()).contains("Invalid value: \"bad key\": name part must consist of")
                .contains("Invalid value: \"not ok!\": a valid label must be an empty string");
    }

    @Test
    void aDeploymentSelectorMustMatchItsTemplateAndReplicasCannotBeNegative() {
        Answer answer = API.post(DEPLOYMENTS, deployment("mismatch", "web", "api", "nginx:1.27", -1));

        assertThat(answer.code()).isEqualTo(422);
        assertThat(answer.fields()).containsExactly("spec.replicas", "spec.template.metadata.labels");
        assertThat(answer.body().path("message").asText())
                .contains("spec.replicas: Invalid value: -1: must be greater than or equal to 0")
                .contains("`selector` does not match template `labels`");
    }

    @Test
    void containersNeedANameAndAnImage() {
        Answer answer = API.post(DEPLOYMENTS, deployment("anonymous", "app", "app", "", 1).replace("\"name\": \"main\", ", ""));

        assertThat(answer.code()).isEqualTo(422);
        assertThat(answer.fields()).containsExactly("spec.template.spec.containers[0].name",
                "spec.template.spec.containers[0].image");
        assertThat(answer.body().path("details").path("causes").get(0).path("reason").asText())
                .isEqualTo("FieldValueRequired");
    }

    @Test
    void aQuantityThatDoesNotParseIsABadRequestAndRequestsCannotExceedLimits() {
        String resources = "\"image\": \"nginx:1.27\", \"resources\": {\"requests\": {\"cpu\": \"%s\"}, \"limits\": {\"cpu\": \"1\"}}";
        Answer lots = API.post(DEPLOYMENTS, deployment("hungry", "app", "app", "nginx:1.27", 1)
                .replace("\"image\": \"nginx:1.27\"", resources.formatted("lots")));
        assertThat(lots.code()).isEqualTo(400);
        assertThat(lots.body().path("message").asText()).isEqualTo("Deployment in version \"v1\" cannot be handled as a "
                + "Deployment: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");

        Answer greedy = API.post(DEPLOYMENTS, deployment("greedy", "app", "app", "nginx:1.27", 1)
                .replace("\"image\": \"nginx:1.27\"", resources.formatted("1500m")));
        assertThat(greedy.code()).isEqualTo(422);
        assertThat(greedy.fields()).containsExactly("spec.template.spec.containers[0].resources.requests");
    }

    @Test
    void aSecondCreateIsAConflictAndASelectorCannotChange() {
        assertThat(API.post(DEPLOYMENTS, deployment("fixed", "app", "app", "nginx:1.27", 1)).code()).isEqualTo(201);

        Answer again = API.post(DEPLOYMENTS, deployment("fixed", "app", "app", "nginx:1.27", 1));
        assertThat(again.code()).isEqualTo(409);
        assertThat(again.body().path("reason").asText()).isEqualTo("AlreadyExists");
        assertThat(again.body().path("message").asText()).isEqualTo("deployments.apps \"fixed\" already exists");

        Answer moved = API.patch(DEPLOYMENTS + "/fixed", "application/merge-patch+json", """
                {"spec": {"selector": {"matchLabels": {"app": "other"}},
                          "template": {"metadata": {"labels": {"app": "other"}}}}}""");
        assertThat(moved.code()).isEqualTo(422);
        assertThat(moved.fields()).containsExactly("spec.selector");
        assertThat(moved.body().path("message").asText()).endsWith(": field is immutable");
    }

    @Test
    void servicesClaimsConfigMapsAndCronJobsAreCheckedToo() {
        assertThat(API.post(CORE + "/services", "{\"apiVersion\": \"v1\", \"kind\": \"Service\", \"metadata\": {\"name\": \"1st-service\"}, \"spec\": {\"ports\": "
                + "[{\"port\": 80}]}}").body().path("message").asText()).contains("a DNS-1035 label must consist of");
        assertThat(API.post(CORE + "/persistentvolumeclaims", "{\"apiVersion\": \"v1\", \"kind\": \"PersistentVolumeClaim\", \"metadata\": {\"name\": \"data\"}, \"spec\": {}}")
                .fields()).containsExactly("spec.accessModes", "spec.resources[storage]");
        assertThat(API.post(CORE + "/configmaps", "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"cm\"}, \"data\": {\"no spaces\": \"x\"}}")
                .fields()).containsExactly("data[no spaces]");
        Answer job = API.post("/apis/batch/v1/namespaces/" + NS + "/cronjobs", """
                {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "nightly"}, "spec": {"schedule": "0 3 * * *", "jobTemplate": {"spec": {"template":
                  {"spec": {"containers": [{"name": "job", "image": "busybox:1.36"}]}}}}}}""");
        assertThat(job.code()).isEqualTo(422);
        assertThat(job.fields()).containsExactly("spec.jobTemplate.spec.template.spec.restartPolicy");
    }

    @Test
    void immutableConfigMapsStatefulSetIdentityAndClaimSizesCannotChangeOrShrink() {
        assertThat(API.post(CORE + "/configmaps", "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"frozen\"}, \"immutable\": true, "
                + "\"data\": {\"a\": \"1\"}}").code()).isEqualTo(201);
        Answer thawed = API.patch(CORE + "/configmaps/frozen", "application/merge-patch+json", "{\"data\": {\"a\": \"2\"}}");
        assertThat(thawed.code()).isEqualTo(422);
        assertThat(thawed.body().path("message").asText()).endsWith("data: Forbidden: field is immutable when `immutable` is set");

        String sts = deployment("db", "db", "db", "postgres:16", 1).replace("Deployment", "StatefulSet").replace("\"spec\": {\"replicas\"",
                "\"spec\": {\"serviceName\": \"db\", \"replicas\"");
        assertThat(API.post("/apis/apps/v1/namespaces/" + NS + "/statefulsets", sts).code()).isEqualTo(201);
        Answer renamed = API.patch("/apis/apps/v1/namespaces/" + NS + "/statefulsets/db", "application/merge-patch+json",
                "{\"spec\": {\"serviceName\": \"db-headless\"}}");
        assertThat(renamed.code()).isEqualTo(422);
        assertThat(renamed.body().path("message").asText()).contains("spec: Forbidden: updates to statefulset spec");
        assertThat(API.patch("/apis/apps/v1/namespaces/" + NS + "/statefulsets/db", "application/merge-patch+json",
                "{\"spec\": {\"replicas\": 3}}").code()).isEqualTo(200);

        assertThat(API.post(CORE + "/persistentvolumeclaims", "{\"apiVersion\": \"v1\", \"kind\": \"PersistentVolumeClaim\", \"metadata\": {\"name\": \"grow\"}, \"spec\": "
                + "{\"accessModes\": [\"ReadWriteOnce\"], \"resources\": {\"requests\": {\"storage\": \"2Gi\"}}}}").code())
                .isEqualTo(201);
        assertThat(API.patch(CORE + "/persistentvolumeclaims/grow", "application/merge-patch+json",
                "{\"spec\": {\"resources\": {\"requests\": {\"storage\": \"4Gi\"}}}}").code()).isEqualTo(200);
        assertThat(API.patch(CORE + "/persistentvolumeclaims/grow", "application/merge-patch+json",
                "{\"spec\": {\"resources\": {\"requests\": {\"storage\": \"1Gi\"}}}}").fields())
                .containsExactly("spec.resources.requests.storage");
    }

    private static String deployment(String name, String selector, String label, String image, int replicas) {
        return """
                {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "%s"},
                 "spec": {"replicas": %d, "selector": {"matchLabels": {"app": "%s"}},
                   "template": {"metadata": {"labels": {"app": "%s"}},
                     "spec": {"containers": [{"name": "main", "image": "%s"}]}}}}""".formatted(name, replicas, selector,
                label, image);
    }
}
