package io.rpik8s.manifests;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Proves each checker catches a deliberately bad object, and names it. */
class PolicyCheckersTest {

    private static final Map<String, String> LABELS = Map.of(
            "app.kubernetes.io/name", "good", "app.kubernetes.io/part-of", "rpi-k8s-platform",
            "app.kubernetes.io/component", "test");
    private static final String IMAGES_MD = "| `example.org/good:1.2.3` | test |";

    /** A Deployment that passes every rule; each test breaks one thing. */
    private static Deployment good(UnaryOperator<DeploymentBuilder> change) {
        DeploymentBuilder builder = new DeploymentBuilder()
                .withNewMetadata().withName("good").withNamespace("test").withLabels(LABELS).endMetadata()
                .withNewSpec().withReplicas(1)
                .withNewSelector().withMatchLabels(Map.of("app.kubernetes.io/name", "good")).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(LABELS).endMetadata()
                .withNewSpec().withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(1000L).endSecurityContext()
                .withContainers(new ContainerBuilder().withName("app").withImage("example.org/good:1.2.3")
                        .withNewResources()
                        .withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("128Mi")))
                        .withLimits(Map.of("cpu", new Quantity("1"), "memory", new Quantity("256Mi")))
                        .endResources()
                        .withNewReadinessProbe().withNewTcpSocket().withNewPort(8080).endTcpSocket().endReadinessProbe()
                        .withNewLivenessProbe().withNewTcpSocket().withNewPort(8080).endTcpSocket().endLivenessProbe()
                        .withNewSecurityContext().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                        .withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
                        .build())
                .endSpec().endTemplate().endSpec();
        return change.apply(builder).build();
    }

    private static List<String> allChecks(List<HasMetadata> objects) {
        var all = new java.util.ArrayList<String>();
        all.addAll(Policies.labels(objects));
        all.addAll(Policies.containers(objects));
        all.addAll(Policies.images(objects, IMAGES_MD));
        all.addAll(Policies.credentials(objects));
        all.addAll(Policies.serviceSelectors(objects));
        all.addAll(Policies.rbac(objects));
        return all;
    }

    private static void assertCaught(List<String> violations, String expected) {
        assertTrue(violations.stream().anyMatch(v -> v.contains("Deployment test/good") && v.contains(expected)
                        || v.contains(expected) && v.contains("test/")),
                () -> "expected a violation containing '" + expected + "', got " + violations);
    }

    @Test
    void aGoodDeploymentPasses() {
        assertEquals(List.of(), allChecks(List.of(good(b -> b))));
    }

    @Test
    void missingLabelIsCaught() {
        Deployment bad = good(b -> b.editMetadata().removeFromLabels("app.kubernetes.io/component").endMetadata());
        assertCaught(Policies.labels(List.of(bad)), "has no label app.kubernetes.io/component");
        Deployment badTemplate = good(b -> b.editSpec().editTemplate().editMetadata()
                .addToLabels("app.kubernetes.io/part-of", "something-else").endMetadata().endTemplate().endSpec());
        assertCaught(Policies.labels(List.of(badTemplate)), "part-of=something-else");
    }

    @Test
    void missingResourcesAndProbesAreCaught() {
        Deployment bad = good(b -> b.editSpec().editTemplate().editSpec().editFirstContainer()
                .withResources(null).withLivenessProbe(null).endContainer().endSpec().endTemplate().endSpec());
        List<String> violations = Policies.containers(List.of(bad));
        assertCaught(violations, "has no requests.memory");
        assertCaught(violations, "has no limits.cpu");
        assertCaught(violations, "has no livenessProbe");
    }

    @Test
    void weakSecuritySettingsAreCaught() {
        Deployment bad = good(b -> b.editSpec().editTemplate().editSpec()
                .editSecurityContext().withRunAsNonRoot(false).endSecurityContext()
                .editFirstContainer().editSecurityContext().withAllowPrivilegeEscalation(true)
                .withReadOnlyRootFilesystem(false).withNewCapabilities().withAdd("NET_ADMIN").endCapabilities()
                .endSecurityContext().endContainer().endSpec().endTemplate().endSpec());
        List<String> violations = Policies.containers(List.of(bad));
        assertCaught(violations, "runAsNonRoot");
        assertCaught(violations, "allowPrivilegeEscalation");
        assertCaught(violations, "does not drop ALL capabilities");
        assertCaught(violations, "adds capabilities [NET_ADMIN]");
        assertCaught(violations, "readOnlyRootFilesystem");
    }

    @Test
    void writableRootNeedsAReason() {
        Deployment exempted = good(b -> b.editSpec().editTemplate().editMetadata()
                .addToAnnotations(Policies.WRITABLE_ROOT_ANNOTATION, "the image writes to /home").endMetadata()
                .editSpec().editFirstContainer().editSecurityContext().withReadOnlyRootFilesystem(false)
                .endSecurityContext().endContainer().endSpec().endTemplate().endSpec());
        assertEquals(List.of(), Policies.containers(List.of(exempted)));
    }

    @Test
    void unpinnedOrUnlistedImagesAreCaught() {
        Deployment latest = good(b -> b.editSpec().editTemplate().editSpec().editFirstContainer()
                .withImage("example.org/good:latest").endContainer().endSpec().endTemplate().endSpec());
        assertCaught(Policies.images(List.of(latest), IMAGES_MD), "is not pinned");
        Deployment untagged = good(b -> b.editSpec().editTemplate().editSpec().editFirstContainer()
                .withImage("registry:5000/good").endContainer().endSpec().endTemplate().endSpec());
        assertCaught(Policies.images(List.of(untagged), IMAGES_MD), "is not pinned");
        Deployment unlisted = good(b -> b.editSpec().editTemplate().editSpec().editFirstContainer()
                .withImage("example.org/other:2.0").endContainer().endSpec().endTemplate().endSpec());
        assertCaught(Policies.images(List.of(unlisted), IMAGES_MD), "is not listed");
    }

    @Test
    void plaintextCredentialsAreCaught() {
        Deployment literalEnv = good(b -> b.editSpec().editTemplate().editSpec().editFirstContainer()
                .addNewEnv().withName("DB_PASSWORD").withValue("hunter2").endEnv()
                .addNewEnv().withName("DB_URL").withValue("postgresql://app:hunter2@db:5432/app").endEnv()
                .withArgs("--user=minioadmin").endContainer().endSpec().endTemplate().endSpec());
        List<String> violations = Policies.credentials(List.of(literalEnv));
        assertCaught(violations, "env DB_PASSWORD has a literal value");
        assertCaught(violations, "URL with an embedded password");
        assertCaught(violations, "well-known default credential 'minioadmin'");

        var committedSecret = new SecretBuilder().withNewMetadata().withName("db").withNamespace("test")
                .endMetadata().withStringData(Map.of("password", "hunter2")).build();
        assertTrue(Policies.credentials(List.of(committedSecret)).stream()
                .anyMatch(v -> v.startsWith("Secret test/db is committed")), "committed Secret not caught");

        var configMap = new ConfigMapBuilder().withNewMetadata().withName("cfg").withNamespace("test").endMetadata()
                .withData(Map.of("S3_SECRET_KEY", "abc")).build();
        assertTrue(Policies.credentials(List.of(configMap)).stream()
                .anyMatch(v -> v.startsWith("ConfigMap test/cfg key S3_SECRET_KEY")), "credential in ConfigMap not caught");

        Deployment reference = good(b -> b.editSpec().editTemplate().editSpec().editFirstContainer()
                .addNewEnv().withName("DB_URL").withValue("postgresql://$(USER):$(PASSWORD)@db:5432/app").endEnv()
                .endContainer().endSpec().endTemplate().endSpec());
        assertEquals(List.of(), Policies.credentials(List.of(reference)), "a $(VAR) reference is not a credential");
    }

    @Test
    void serviceSelectingNothingIsCaught() {
        var service = new ServiceBuilder().withNewMetadata().withName("orphan").withNamespace("test").endMetadata()
                .withNewSpec().withSelector(Map.of("app.kubernetes.io/name", "nothing")).endSpec().build();
        var violations = Policies.serviceSelectors(List.of(good(b -> b), service));
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("Service test/orphan selector")), violations::toString);

        var sameLabelsOtherNamespace = new ServiceBuilder().withNewMetadata().withName("good").withNamespace("elsewhere")
                .endMetadata().withNewSpec().withSelector(Map.of("app.kubernetes.io/name", "good")).endSpec().build();
        assertEquals(1, Policies.serviceSelectors(List.of(good(b -> b), sameLabelsOtherNamespace)).size());
    }

    @Test
    void wildcardRbacIsCaught() {
        var role = new ClusterRoleBuilder().withNewMetadata().withName("too-much").endMetadata()
                .addNewRule().withApiGroups("").withResources("*").withVerbs("get").endRule().build();
        assertTrue(Policies.rbac(List.of(role)).stream().anyMatch(v -> v.startsWith("ClusterRole too-much")));
    }

    @Test
    void budgetOverrunIsCaught() {
        // good(): 128 MiB request, 256 MiB limit; one agent of 768 MiB has 768 - 288 - 100 = 380 MiB allocatable
        var nodes = List.of(Budgets.agent("small", 768));
        assertEquals(List.of(), Budgets.check("one", List.of(good(b -> b)), nodes));
        var violations = Budgets.check("two", List.of(good(b -> b.editSpec().withReplicas(2).endSpec())), nodes);
        assertEquals(List.of("two: memory limits 512 MiB exceed the allocatable 380 MiB",
                "two: Deployment test/good #1 (limit 256 MiB) fits no node: small has 124 MiB left"), violations);
    }

    @Test
    void daemonSetsCountOncePerNodeAndJobsNotAtAll() {
        var nodes = List.of(Budgets.agent("a", 4096), Budgets.agent("b", 4096));
        var daemonSet = new io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder().withNewMetadata().withName("ds")
                .withNamespace("test").endMetadata().withNewSpec().withTemplate(good(b -> b).getSpec().getTemplate())
                .endSpec().build();
        var job = new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder().withNewMetadata().withName("once")
                .withNamespace("test").endMetadata().withNewSpec().withTemplate(good(b -> b).getSpec().getTemplate())
                .endSpec().build();
        assertEquals(List.of("DaemonSet test/ds on a", "DaemonSet test/ds on b"),
                Budgets.pods(List.of(daemonSet, job), nodes).stream().map(Budgets.Pod::id).toList());
    }
}
