package io.rpik8s.deployment.api;

import io.quarkus.security.identity.SecurityIdentity;
import io.rpik8s.commons.auth.Actor;
import io.rpik8s.commons.paging.PageQuery;
import io.rpik8s.commons.problem.KubeNames;
import io.rpik8s.deployment.change.AppChanges;
import io.rpik8s.deployment.config.AppsConfig;
import io.rpik8s.deployment.history.AuditEntry;
import io.rpik8s.deployment.history.AuditHistory;
import io.rpik8s.deployment.kube.NamespaceGuard;
import io.rpik8s.deployment.plugin.PluginRegistry;
import io.rpik8s.deployment.status.AppCatalog;
import io.rpik8s.deployment.status.AppSummary;
import io.rpik8s.deployment.status.AppView;
import io.rpik8s.deployment.status.ClusterEvents;
import io.rpik8s.deployment.status.EventView;
import io.rpik8s.deployment.status.PodLogs;
import io.rpik8s.deployment.status.RevisionView;
import io.rpik8s.model.api.Page;
import io.rpik8s.model.auth.Roles;
import io.rpik8s.model.events.DeploymentPayload;
import io.rpik8s.model.plugin.AppRef;
import io.rpik8s.model.plugin.BlockingCalls;
import io.rpik8s.model.plugin.InvalidAppException;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The apps API ({@code /deployments}, the original framework's path): deploy, inspect, change, roll back and delete
 * apps. Changes go to {@link AppChanges}, reads to {@link AppCatalog}; this class only speaks HTTP.
 */
@Path("/api/v1/deployments")
@Tag(name = "Deployments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AppResource {

    private final AppChanges changes;
    private final AppCatalog catalog;
    private final ClusterEvents events;
    private final PodLogs logs;
    private final AuditHistory history;
    private final NamespaceGuard namespaces;
    private final AppsConfig config;
    private final PluginRegistry plugins;
    private final DeployRequests requests;
    private final SecurityIdentity identity;

    public AppResource(AppChanges changes, AppCatalog catalog, ClusterEvents events, PodLogs logs,
            AuditHistory history, NamespaceGuard namespaces, AppsConfig config, PluginRegistry plugins,
            DeployRequests requests, SecurityIdentity identity) {
        this.changes = changes;
        this.catalog = catalog;
        this.events = events;
        this.logs = logs;
        this.history = history;
        this.namespaces = namespaces;
        this.config = config;
        this.plugins = plugins;
        this.requests = requests;
        this.identity = identity;
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Deploy a new app with a plugin (default: container)")
    public Uni<Response> create(@NotNull @Valid DeployRequest request) {
        AppRef app = new AppRef(request.namespace(), request.name());
        return changes.create(request.pluginOrDefault(), requests.configOf(request),
                        Boolean.TRUE.equals(request.createNamespace()), Actor.of(identity))
                .chain(created -> catalog.viewCreated(created).onFailure().recoverWithItem(() -> null))
                .map(view -> Response.created(URI.create("/api/v1/deployments/" + app.namespace() + "/" + app.name()))
                        .entity(view).build());
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "List the platform's apps, filtered by namespace, label selector and plugin")
    public Uni<Page<AppSummary>> list(@QueryParam("namespace") String namespace,
            @QueryParam("labelSelector") String labelSelector, @QueryParam("plugin") String plugin,
            @BeanParam PageQuery paging) {
        var labels = LabelSelectors.parse(labelSelector);
        if (plugin != null && plugins.find(plugin).isEmpty()) {
            throw new InvalidAppException("plugin", "unknown plugin '" + plugin + "'");
        }
        if (namespace != null) {
            namespaces.requireManaged(namespace);
        }
        List<String> scope = namespace == null ? config.managedNamespaces() : List.of(namespace);
        return catalog.list(scope, labels, plugin, paging.toRequest());
    }

    @GET
    @Path("/{namespace}/{name}")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "An app's spec and live status: replicas, conditions, rollout state and pods")
    public Uni<AppView> get(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        return catalog.view(app(namespace, name));
    }

    @PUT
    @Path("/{namespace}/{name}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Change image, env or resources: a rolling update")
    public Uni<AppView> update(@PathParam("namespace") String namespace, @PathParam("name") String name,
            @NotNull @Valid UpdateRequest request) {
        AppRef app = app(namespace, name);
        return Uni.createFrom().deferred(() -> changes.update(app, requests.updateOf(request),
                requests.detailsOf(request), Actor.of(identity))).chain(() -> details(app));
    }

    @POST
    @Path("/{namespace}/{name}/scale")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Scale an app to 0..max replicas")
    public Uni<AppView> scale(@PathParam("namespace") String namespace, @PathParam("name") String name,
            @NotNull @Valid ScaleRequest request) {
        AppRef app = app(namespace, name);
        return changes.scale(app, request.replicas(), Actor.of(identity)).chain(() -> details(app));
    }

    @POST
    @Path("/{namespace}/{name}/restart")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Restart every pod of an app (rollout restart)")
    public Uni<AppView> restart(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        AppRef app = app(namespace, name);
        return changes.restart(app, Actor.of(identity)).chain(() -> details(app));
    }

    @POST
    @Path("/{namespace}/{name}/rollback")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Roll an app back to a revision (default: the previous one)")
    public Uni<AppView> rollback(@PathParam("namespace") String namespace, @PathParam("name") String name,
            @Valid RollbackRequest request) {
        AppRef app = app(namespace, name);
        return changes.rollback(app, request == null ? null : request.revision(), Actor.of(identity))
                .chain(() -> details(app));
    }

    @DELETE
    @Path("/{namespace}/{name}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Delete an app with every object its plugin created")
    public Uni<Response> delete(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        return changes.delete(app(namespace, name), Actor.of(identity), DeploymentPayload.ORIGIN_API)
                .map(v -> Response.noContent().build());
    }

    @GET
    @Path("/{namespace}/{name}/revisions")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Rollout history from the app's ReplicaSets: revision, image, time")
    public Uni<List<RevisionView>> revisions(@PathParam("namespace") String namespace,
            @PathParam("name") String name) {
        return changes.revisions(app(namespace, name)).map(revisions -> revisions.stream()
                .map(r -> new RevisionView(r.number(), r.image(), r.createdAt(), r.source(), r.current())).toList());
    }

    @GET
    @Path("/{namespace}/{name}/events")
    @RolesAllowed(Roles.VIEWER)
    @Operation(summary = "Kubernetes events of the app's Deployment, ReplicaSets and pods, newest first")
    public Uni<List<EventView>> events(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        return BlockingCalls.call(() -> events.of(app(namespace, name)));
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
        return BlockingCalls.call(() -> logs.read(app, pod, tail, sinceSeconds));
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
            @BeanParam PageQuery paging) {
        AppRef app = app(namespace, name);
        // An app that is gone keeps its history; one that never existed is as unknown as it is at its own path.
        return history.of(app, paging.toRequest())
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

    /** The app as this request left it. */
    private Uni<AppView> details(AppRef app) {
        return catalog.viewAfterChange(app);
    }
}
