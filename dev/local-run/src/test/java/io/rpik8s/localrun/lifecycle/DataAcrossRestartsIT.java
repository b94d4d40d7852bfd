package io.rpik8s.localrun.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One story for data across restarts: a plain start keeps what the last run created, in the database and in the
 * simulated cluster alike (a record does not outlive its Secret); {@code --fresh} starts with both empty; the
 * banner says which.
 */
class DataAcrossRestartsIT {

    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/platform");
    private static final String NAMESPACE = "storage";

    @TempDir
    Path local;

    @Test
    void aPlainStartKeepsTheDatabaseAndTheClusterAndFreshStartsEmpty() throws Exception {
        String secretUid;
        try (LauncherProcess first = LauncherProcess.start(local, "--infra-only").awaitBanner()) {
            assertThat(first.output()).contains("Data: EMPTY");
            try (KubernetesClient kube = kube()) {
                secretUid = kube.resource(new SecretBuilder().withNewMetadata().withName("orders-db")
                        .withNamespace(NAMESPACE).endMetadata().addToStringData("password", "kept-across-runs").build())
                        .create().getMetadata().getUid();
                kube.resource(deployment()).create();
                await().atMost(Duration.ofMinutes(1)).until(() -> readyReplicas(kube) == 2);
            }
            sql(first, "CREATE TABLE orders (id int); INSERT INTO orders VALUES (42)");
            first.terminate();
            first.awaitExit();
        }

        try (LauncherProcess again = LauncherProcess.start(local, "--infra-only").awaitBanner()) {
            assertThat(again.output()).contains("Data: KEPT");
            try (KubernetesClient kube = kube()) {
                Secret secret = kube.secrets().inNamespace(NAMESPACE).withName("orders-db").get();
                assertThat(secret).as("the Secret of the last run").isNotNull();
                assertThat(secret.getMetadata().getUid()).isEqualTo(secretUid);
                assertThat(kube.apps().deployments().inNamespace(NAMESPACE).withName("orders").get()).isNotNull();
                // The controllers go on with the kept objects: the app's pods are there and ready again.
                await().atMost(Duration.ofMinutes(1)).until(() -> readyReplicas(kube) == 2);
                assertThat(kube.pods().inNamespace(NAMESPACE).withLabel("app", "orders").list().getItems()).hasSize(2);
            }
            assertThat(sql(again, "SELECT id FROM orders")).isEqualTo("42");
            again.terminate();
            again.awaitExit();
        }

        try (LauncherProcess fresh = LauncherProcess.start(local, "--infra-only", "--fresh").awaitBanner()) {
            assertThat(fresh.output()).contains("Data: EMPTY");
            try (KubernetesClient kube = kube()) {
                assertThat(kube.secrets().inNamespace(NAMESPACE).withName("orders-db").get()).isNull();
                assertThat(kube.apps().deployments().inNamespace(NAMESPACE).withName("orders").get()).isNull();
                assertThat(kube.namespaces().withName(NAMESPACE).get()).as("the seeded namespaces").isNotNull();
            }
            assertThat(sql(fresh, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'orders'"))
                    .isEqualTo("0");
            fresh.terminate();
            fresh.awaitExit();
        }
    }

    private KubernetesClient kube() throws Exception {
        return new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(local.resolve("kubeconfig")))).build();
    }

    private static Deployment deployment() {
        Map<String, String> labels = Map.of("app", "orders");
        return new DeploymentBuilder().withNewMetadata().withName("orders").withNamespace(NAMESPACE).endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withNewSpec()
                .addNewContainer().withName("orders").withImage("nginx:1.27").endContainer().endSpec().endTemplate()
                .endSpec().build();
    }

    private static int readyReplicas(KubernetesClient kube) {
        Deployment d = kube.apps().deployments().inNamespace(NAMESPACE).withName("orders").get();
        Integer ready = d == null || d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
        return ready == null ? 0 : ready;
    }

    /** Runs {@code statements} on the run's database; answers the first column of the last result, if any. */
    private String sql(LauncherProcess run, String statements) throws Exception {
        Matcher url = JDBC_URL.matcher(run.output());
        assertThat(url.find()).as("the banner names the database").isTrue();
        String password = Files.readString(local.resolve("postgres-password")).trim();
        try (Connection c = DriverManager.getConnection(url.group(), "postgres", password);
             Statement s = c.createStatement()) {
            String answer = null;
            for (String statement : statements.split(";")) {
                if (s.execute(statement.trim())) {
                    try (ResultSet rs = s.getResultSet()) {
                        answer = rs.next() ? rs.getString(1) : null;
                    }
                }
            }
            return answer;
        } catch (SQLException e) {
            throw new AssertionError("SQL on " + url.group() + " failed: " + e.getMessage(), e);
        }
    }
}
