package io.rpik8s.storage.database;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.rpik8s.commons.problem.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Writes the connection details of a database into a Secret in the app's namespace (blocking Fabric8 calls). */
@ApplicationScoped
public class ConnectionSecrets {

    private final KubernetesClient kube;
    private final PostgresAdmin admin;

    public ConnectionSecrets(KubernetesClient kube, PostgresAdmin admin) {
        this.kube = kube;
        this.admin = admin;
    }

    /** Creates or replaces the Secret. */
    public void write(String namespace, String secretName, String database, String role, String password) {
        String hostPort = admin.appHost() + ":" + admin.appPort();
        Map<String, String> data = new LinkedHashMap<>();
        data.put("host", admin.appHost());
        data.put("port", String.valueOf(admin.appPort()));
        data.put("database", database);
        data.put("username", role);
        data.put("password", password);
        data.put("url", "postgresql://" + role + ":" + password + "@" + hostPort + "/" + database);
        data.put("jdbc-url", "jdbc:postgresql://" + hostPort + "/" + database);
        Secret secret = new SecretBuilder()
                .withNewMetadata()
                .withName(secretName)
                .withNamespace(namespace)
                .addToLabels("app.kubernetes.io/part-of", "rpi-k8s-platform")
                .addToLabels("app.kubernetes.io/managed-by", "storage-service")
                .addToLabels("rpi-k8s.io/database", database)
                .endMetadata()
                .withType("Opaque")
                .withData(base64(data))
                .build();
        Secret existing = kube.secrets().inNamespace(namespace).withName(secretName).get();
        if (existing != null && !database.equals(existing.getMetadata().getLabels() == null ? null
                : existing.getMetadata().getLabels().get("rpi-k8s.io/database"))) {
            // Never overwrite a Secret the platform did not write for this database.
            throw ApiProblem.conflict("Secret " + namespace + "/" + secretName + " exists and is not this database's");
        }
        kube.secrets().inNamespace(namespace).resource(secret).createOr(r -> r.update());
    }

    /** Encoded here rather than sent as stringData: the result is the same, and test servers do not convert. */
    private static Map<String, String> base64(Map<String, String> data) {
        Map<String, String> encoded = new LinkedHashMap<>();
        data.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return encoded;
    }

    /** The password the Secret holds, if it exists and has one. */
    public Optional<String> password(String namespace, String secretName) {
        Secret secret = kube.secrets().inNamespace(namespace).withName(secretName).get();
        return Optional.ofNullable(secret).map(Secret::getData).map(d -> d.get("password"))
                .map(p -> new String(Base64.getDecoder().decode(p), StandardCharsets.UTF_8));
    }

    public void delete(String namespace, String secretName) {
        kube.secrets().inNamespace(namespace).withName(secretName).delete();
    }
}
