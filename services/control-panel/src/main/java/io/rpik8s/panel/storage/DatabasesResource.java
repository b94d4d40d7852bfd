package io.rpik8s.panel.storage;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.rpik8s.panel.upstream.ServiceProblem;
import io.rpik8s.panel.upstream.StorageApi;
import io.rpik8s.panel.upstream.StorageDtos.Database;
import io.rpik8s.panel.upstream.StorageDtos.DatabaseRequest;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/** App databases in PostgreSQL: create, rotate the password, drop; the credentials live in a Secret it names. */
@Path("/storage/databases")
public class DatabasesResource {

    @CheckedTemplate(basePath = "storage")
    static class Templates {
        static native TemplateInstance databases(List<Database> databases, String done, DatabaseRequest form,
                ServiceProblem problem);
    }

    private static final DatabaseRequest EMPTY = new DatabaseRequest("", "default", "");

    private final StorageApi storage;

    public DatabasesResource(@RestClient StorageApi storage) {
        this.storage = storage;
    }

    @GET
    public Uni<TemplateInstance> databases(@RestQuery String done) {
        return storage.databases(500).map(p -> Templates.databases(p.items(), done, EMPTY, ServiceProblem.NONE));
    }

    @POST
    public Uni<Response> create(@RestForm String name, @RestForm String namespace, @RestForm String secretName) {
        DatabaseRequest form = new DatabaseRequest(name.trim(), namespace.trim(),
                secretName == null || secretName.isBlank() ? null : secretName.trim());
        return change("database-created", form, () -> storage.createDatabase(form));
    }

    @POST
    @Path("{name}/rotate-password")
    public Uni<Response> rotate(@PathParam("name") String name) {
        return change("password-rotated", EMPTY, () -> storage.rotatePassword(name));
    }

    @POST
    @Path("{name}/delete")
    public Uni<Response> drop(@PathParam("name") String name, @RestForm String confirm) {
        return change("database-dropped", EMPTY, () -> storage.dropDatabase(name, confirm));
    }

    private Uni<Response> change(String done, DatabaseRequest form, Supplier<Uni<?>> call) {
        return Uni.createFrom().deferred(call)
                .map(r -> Response.seeOther(URI.create("/storage/databases?done=" + done)).build())
                .onFailure(ServiceProblem.class).recoverWithUni(p -> storage.databases(500).map(page -> Response
                        .status(((ServiceProblem) p).status())
                        .entity(Templates.databases(page.items(), null, form, (ServiceProblem) p)).build()));
    }
}
