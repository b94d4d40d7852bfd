package io.rpik8s.storage.database;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;

/** Request and response bodies of the database API. Responses never carry a password. */
public final class DatabaseDtos {

    static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";

    private DatabaseDtos() {
    }

    /** Provision a database for the app in {@code namespace}; the Secret defaults to {@code <name>-db}. */
    public record CreateDatabase(
            @NotBlank @Pattern(regexp = DatabaseNames.PATTERN, message = "must match " + DatabaseNames.PATTERN)
            String name,
            @NotBlank @Pattern(regexp = DNS_LABEL, message = "must be a Kubernetes namespace name") String namespace,
            @Pattern(regexp = DNS_LABEL, message = "must be a Kubernetes object name") String secretName) {
    }

    /** A provisioned database. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DatabaseView(String name, String owner, String namespace, String secretName, Long sizeBytes,
            Instant createdAt, String createdBy) {
    }
}
