package io.rpik8s.deployment.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.rpik8s.commons.auth.Actor;
import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.commons.problem.KubeNames;
import io.rpik8s.deployment.change.DeployRequest;
import io.rpik8s.deployment.change.DeploymentService;
import io.rpik8s.deployment.change.RollbackRequest;
import io.rpik8s.deployment.change.ScaleRequest;
import io.rpik8s.deployment.change.UpdateRequest;
import io.rpik8s.deployment.config.DeploymentsConfig;
import io.rpik8s.deployment.history.AuditEntry;
import io.rpik8s.deployment.history.AuditHistory;
import io.rpik8s.deployment.kube.KubeCalls;
import io.rpik8s.deployment.kube.NamespaceGuard;
import io.rpik8s.deployment.plugin.PluginRegistry;
import io.rpik8s.deployment.status.ClusterEvents;
import io.rpik8s.deployment.status.AppCatalog;
import io.rpik8s.deployment.status.DeploymentSummary;
import io.rpik8s.deployment.status.DeploymentView;
import io.rpik8s.deployment.status.EventView;
import io.rpik8s.deployment.status.PodLogs;
import io.rpik8s.deployment.status.RevisionView;
import io.rpik8s.model.api.Page;
import io.rpik8s.model.api.PageRequest;
import io.rpik8s.model.auth.Roles;
import io.rpik8s.model.plugin.AppRef;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** The deployments API: deploy, inspect, change, roll back and delete apps. */
@Path("/api/v1/deployments")
@Tag(name = "Deployments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DeploymentResource {

    private final DeploymentService deployments;
    private final AppCatalog catalog;
    private final ClusterEvents events;
    private final PodLogs logs;
    private final AuditHistory history;
    private final NamespaceGuard namespaces;
    private final DeploymentsConfig config;
    private final PluginRegistry plugins;
    private final SecurityIdentity identity;

    public DeploymentResource(DeploymentService deployments, AppCatalog catalog, ClusterEvents events,
            PodLogs logs, AuditHistory history, NamespaceGuard namespaces, DeploymentsConfig config,
            PluginRegistry plugins, SecurityIdentity identity) {
        this.deployments = deployments;
        this.catalog = catalog;
        this.events = events;
        this.logs = logs;
        this.history = history;
        this.namespaces = namespaces;
        this.config = config;
        this.plugins = plugins;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Deploy a new app with a plugin (default: container)")
    public Uni<Response> create(@NotNull @Valid DeployRequest request) {
        AppRef app = new AppRef(request.namespace(), request.name());
        return deployments.create(request, Actor.of(identity))
                .chain(() -> catalog.view(app).onFailure().recoverWithItem(() -> null))
                .map(view -> Response.created(URI.create("/api/v1/deployments/" + app.namespace() + "/" + app.name()))
                        .entity(view).build());
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List the platform's apps, filtered by namespace, label selector and plugin")
    public Uni<Page<DeploymentSummary>> list(@QueryParam("namespace") String namespace,
            @QueryParam("labelSelector") String labelSelector, @QueryParam("plugin") String plugin,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(PageRequest.MAX_SIZE) int size) {
        Map<String, String> labels = parseSelector(labelSelector);
        if (plugin != null && plugins.find(plugin).isEmpty()) {
            throw ApiProblem.invalid("plugin", "unknown plugin '" + plugin + "'");
        }
        if (namespace != null) {
            namespaces.requireManaged(namespace);
        }
        List<String> scope = namespace == null ? config.managedNamespaces() : List.of(namespace);
        return catalog.list(scope, labels, plugin).map(apps -> Page.of(apps, new PageRequest(page, size)));
    }

    @GET
    @Path("/{namespace}/{name}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "An app's spec and live status: replicas, conditions, rollout state and pods")
    public Uni<DeploymentView> get(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        return catalog.view(app(namespace, name));
    }

    @PUT
    @Path("/{namespace}/{name}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Change image, env or resources: a rolling update")
    public Uni<DeploymentView> update(@PathParam("namespace") String namespace, @PathParam("name") String name,
            @NotNull @Valid UpdateRequest request) {
        AppRef app = app(namespace, name);
        return deployments.update(app, request, Actor.of(identity)).chain(() -> details(app));
    }

    @POST
    @Path("/{namespace}/{name}/scale")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Scale an app to 0..max replicas")
    public Uni<DeploymentView> scale(@PathParam("namespace") String namespace, @PathParam("name") String name,
            @NotNull @Valid ScaleRequest request) {
        AppRef app = app(namespace, name);
        return deployments.scale(app, request.replicas(), Actor.of(identity)).chain(() -> details(app));
    }

    @POST
    @Path("/{namespace}/{name}/restart")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Restart every pod of an app (rollout restart)")
    public Uni<DeploymentView> restart(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        AppRef app = app(namespace, name);
        return deployments.restart(app, Actor.of(identity)).chain(() -> details(app));
    }

    @POST
    @Path("/{namespace}/{name}/rollback")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Roll an app back to a revision (default: the previous one)")
    public Uni<DeploymentView> rollback(@PathParam("namespace") String namespace, @PathParam("name") String name,
            @Valid RollbackRequest request) {
        AppRef app = app(namespace, name);
        return deployments.rollback(app, request == null ? null : request.revision(), Actor.of(identity))
                .chain(() -> details(app));
    }

    @DELETE
    @Path("/{namespace}/{name}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Delete an app with every object its plugin created")
    public Uni<Response> delete(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        return deployments.delete(app(namespace, name), Actor.of(identity), "api")
                .map(v -> Response.noContent().build());
    }

    @GET
    @Path("/{namespace}/{name}/revisions")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Rollout history from the app's ReplicaSets: revision, image, time")
    public Uni<List<RevisionView>> revisions(@PathParam("namespace") String namespace,
            @PathParam("name") String name) {
        return deployments.revisions(app(namespace, name)).map(revisions -> revisions.stream()
                .map(r -> new RevisionView(r.number(), r.image(), r.createdAt(), r.source(), r.current())).toList());
    }

    @GET
    @Path("/{namespace}/{name}/events")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Kubernetes events of the app's Deployment, ReplicaSets and pods, newest first")
    public Uni<List<EventView>> events(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        return KubeCalls.call(() -> events.of(app(namespace, name)));
    }

    @GET
    @Path("/{namespace}/{name}/logs")
    @Produces(MediaType.TEXT_PLAIN)
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Logs of one pod (pod=...) or of all pods of the app, with tail and sinceSeconds")
    public Uni<String> logs(@PathParam("namespace") String namespace, @PathParam("name") String name,
            @QueryParam("pod") String pod, @QueryParam("tail") @Min(1) @Max(100_000) Integer tail,
            @QueryParam("sinceSeconds") @Min(1) Integer sinceSeconds) {
        AppRef app = app(namespace, name);
        if (pod != null) {
            KubeNames.subdomain("pod", pod);
        }
        return KubeCalls.call(() -> logs.read(app, pod, tail, sinceSeconds));
    }

    @GET
    @Path("/{namespace}/{name}/logs/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Follow a pod's log as server-sent events")
    @Blocking
    public Multi<String> followLogs(@PathParam("namespace") String namespace, @PathParam("name") String name,
            @QueryParam("pod") String pod, @QueryParam("tail") @Min(1) @Max(100_000) Integer tail) {
        AppRef app = app(namespace, name);
        if (pod != null) {
            KubeNames.subdomain("pod", pod);
        }
        // Found here, on a worker, before the stream starts: once the first chunk is sent no 404 can follow.
        String followed = logs.followed(app, pod);
        return logs.follow(app, followed, tail);
    }

    @GET
    @Path("/{namespace}/{name}/history")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Audit history of the app's changes: who, when, what, result")
    public Uni<Page<AuditEntry>> history(@PathParam("namespace") String namespace, @PathParam("name") String name,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(PageRequest.MAX_SIZE) int size) {
        AppRef app = app(namespace, name);
        // An app that is gone keeps its history; one that never existed is as unknown as it is at its own path.
        return history.of(app, new PageRequest(page, size))
                .chain(found -> found.total() > 0 ? Uni.createFrom().item(found) : catalog.view(app).replaceWith(found));
    }

    /**
     * The app a path names; a name Kubernetes could never accept, or a namespace the platform does not manage, is
     * refused before any call (400 naming it).
     */
    private AppRef app(String namespace, String name) {
        AppRef app = new AppRef(KubeNames.label("namespace", namespace), KubeNames.label("name", name));
        namespaces.requireManaged(app.namespace());
        return app;
    }

    private Uni<DeploymentView> details(AppRef app) {
        return catalog.view(app);
    }

    /** Equality-based selectors only ({@code a=b,c==d}): what the list filter supports. */
    static Map<String, String> parseSelector(String selector) {
        Map<String, String> labels = new TreeMap<>();
        if (selector == null || selector.isBlank()) {
            return labels;
        }
        for (String term : selector.split(",")) {
            String[] kv = term.split("==?", 2);
            if (kv.length != 2 || !kv[0].trim().matches("([a-z0-9.-]+/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?")
                    || !kv[1].trim().matches("([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?")) {
                throw ApiProblem.invalid("labelSelector", "'" + term + "' is not key=value");
            }
            labels.put(kv[0].trim(), kv[1].trim());
        }
        return labels;
    }
}
