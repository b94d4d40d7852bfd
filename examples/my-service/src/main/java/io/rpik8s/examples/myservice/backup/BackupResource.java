package io.rpik8s.examples.myservice.backup;

import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.commons.problem.KubeNames;
import io.rpik8s.examples.myservice.backup.BackupDtos.BackupView;
import io.rpik8s.examples.myservice.backup.BackupDtos.CreateBackup;
import io.rpik8s.examples.myservice.config.MyServiceConfig;
import io.rpik8s.model.api.Page;
import io.rpik8s.model.api.PageRequest;
import io.rpik8s.model.auth.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Backups of volumes to buckets: {@code /api/v1/backups/{namespace}}. */
@Path("/api/v1/backups/{namespace}")
@Tag(name = "Backups", description = "Scheduled copies of volumes to buckets")
public class BackupResource {

    private final BackupService backups;
    private final MyServiceConfig config;

    public BackupResource(BackupService backups, MyServiceConfig config) {
        this.backups = backups;
        this.config = config;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List the namespace's Backups by name, one page at a time")
    public Uni<Page<BackupView>> list(@PathParam("namespace") String namespace, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return backups.list(managed(namespace), PageParams.of(page, size));
    }

    // tag::endpoint[]
    @GET
    @Path("/{name}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One Backup and whether its CronJob is in place")
    public Uni<BackupView> get(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        return backups.get(managed(namespace), KubeNames.label("name", name));
    }
    // end::endpoint[]

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Schedule a Backup of a volume to a bucket")
    public Uni<Response> create(@PathParam("namespace") String namespace, @NotNull CreateBackup request) {
        return backups.create(managed(namespace), request).map(b -> Response
                .created(URI.create("/api/v1/backups/" + namespace + "/" + b.name())).entity(b).build());
    }

    private String managed(String namespace) {
        if (!config.namespaces().contains(KubeNames.label("namespace", namespace))) {
            throw ApiProblem.invalid("namespace", "is not managed by my-service (" + config.namespaces() + ")");
        }
        return namespace;
    }

    /** {@code page} and {@code size} arrive as text, so that a non-number is a 400 naming the parameter. */
    static final class PageParams {
        static PageRequest of(String page, String size) {
            return new PageRequest(number("page", page, 0, 0), number("size", size, PageRequest.DEFAULT_SIZE, 1));
        }

        private static int number(String field, String value, int fallback, int min) {
            if (value == null || value.isBlank()) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(value.trim());
                if (n >= min && n <= (field.equals("size") ? PageRequest.MAX_SIZE : Integer.MAX_VALUE)) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw ApiProblem.invalid(field, "must be a whole number >= " + min);
        }
    }
}
