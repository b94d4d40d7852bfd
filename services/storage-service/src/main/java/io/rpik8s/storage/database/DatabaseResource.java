package io.rpik8s.storage.database;

import io.quarkus.security.identity.SecurityIdentity;
import io.rpik8s.commons.auth.Actor;
import io.rpik8s.commons.kube.ManagedNamespaces;
import io.rpik8s.commons.paging.PageQuery;
import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.model.api.Page;
import io.rpik8s.model.auth.Roles;
import io.rpik8s.storage.database.DatabaseDtos.CreateDatabase;
import io.rpik8s.storage.database.DatabaseDtos.DatabaseView;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** PostgreSQL databases for apps: {@code /api/v1/storage/databases}. */
@Path("/api/v1/storage/databases")
@Tag(name = "Databases", description = "PostgreSQL databases and login roles for apps")
public class DatabaseResource {

    private final DatabaseService databases;
    private final ManagedNamespaces namespaces;
    private final SecurityIdentity identity;

    public DatabaseResource(DatabaseService databases, ManagedNamespaces namespaces, SecurityIdentity identity) {
        this.namespaces = namespaces;
        this.databases = databases;
        this.identity = identity;
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List provisioned databases by name, one page at a time, with their size")
    public Uni<Page<DatabaseView>> list(@BeanParam PageQuery paging) {
        return databases.list(paging.toRequest());
    }

    @GET
    @Path("/{name}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "One provisioned database")
    public Uni<DatabaseView> get(@PathParam("name") String name) {
        return databases.get(DatabaseNames.check("name", name));
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Provision a database and login role; connection details go to a Secret in the namespace")
    public Uni<Response> create(@NotNull @Valid CreateDatabase request) {
        String name = DatabaseNames.check("name", request.name());
        // The connection Secret goes there: only the namespaces the platform manages (RBAC allows no other).
        namespaces.require("namespace", request.namespace());
        String secretName = request.secretName() == null ? name.replace('_', '-') + "-db" : request.secretName();
        return databases.create(name, request.namespace(), secretName, Actor.of(identity))
                .map(d -> Response.created(URI.create("/api/v1/storage/databases/" + name)).entity(d).build());
    }

    @DELETE
    @Path("/{name}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Drop a database, its role and Secret; requires confirm=<name>")
    public Uni<Response> drop(@PathParam("name") String name, @QueryParam("confirm") String confirm) {
        DatabaseNames.check("name", name);
        if (!name.equals(confirm)) {
            throw ApiProblem.invalid("confirm", "must repeat the database name to drop it");
        }
        return databases.drop(name, Actor.of(identity)).map(v -> Response.noContent().build());
    }

    @POST
    @Path("/{name}/rotate-password")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Generate a new password for the role and update the Secret")
    public Uni<DatabaseView> rotatePassword(@PathParam("name") String name) {
        return databases.rotatePassword(DatabaseNames.check("name", name), Actor.of(identity));
    }
}
