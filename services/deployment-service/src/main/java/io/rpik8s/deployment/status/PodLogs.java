package io.rpik8s.deployment.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Loggable;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.rpik8s.deployment.kube.ClusterCache;
import io.rpik8s.model.plugin.AppNotFoundException;
import io.rpik8s.model.plugin.AppRef;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Logs of one pod or of all pods of an app. Blocking, except the streamed variant. */
@ApplicationScoped
public class PodLogs {

    private final KubernetesClient client;
    private final ClusterCache cache;
    private final AppInspector inspector;

    public PodLogs(KubernetesClient client, ClusterCache cache, AppInspector inspector) {
        this.client = client;
        this.cache = cache;
        this.inspector = inspector;
    }

    /** Each selected pod's log, prefixed with {@code [pod]} when several pods are shown. */
    public String read(AppRef app, String pod, Integer tail, Integer sinceSeconds) {
        List<Pod> pods = select(app, pod);
        StringBuilder out = new StringBuilder();
        for (Pod p : pods) {
            String log = resource(app, p.getMetadata().getName(), tail, sinceSeconds).getLog();
            if (pods.size() == 1) {
                return log == null ? "" : log;
            }
            if (log != null) {
                log.lines().forEach(l -> out.append('[').append(p.getMetadata().getName()).append("] ").append(l)
                        .append('\n'));
            }
        }
        return out.toString();
    }

    /** The name of the pod whose log {@link #follow} streams: {@code pod}, or the app's first pod; 404 if none. */
    public String followed(AppRef app, String pod) {
        return select(app, pod).get(0).getMetadata().getName();
    }

    /** Follows the log of {@code pod}, found by {@link #followed}, line by line until the client goes away. */
    public Multi<String> follow(AppRef app, String pod, Integer tail) {
        return Multi.createFrom().<String>emitter(emitter -> {
            // watchLog blocks while reading: run on a worker
            try (var watch = resource(app, pod, tail, null).watchLog();
                    var reader = new BufferedReader(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))) {
                String line;
                while (!emitter.isCancelled() && (line = reader.readLine()) != null) {
                    emitter.emit(line);
                }
                emitter.complete();
            } catch (Exception e) {
                emitter.fail(e);
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private List<Pod> select(AppRef app, String pod) {
        Deployment d = inspector.require(app);
        List<Pod> pods = cache.podsOf(d);
        if (pod != null) {
            pods = pods.stream().filter(p -> p.getMetadata().getName().equals(pod)).toList();
            if (pods.isEmpty()) {
                throw new AppNotFoundException("Pod " + pod + " is not a pod of " + app);
            }
        }
        if (pods.isEmpty()) {
            throw new AppNotFoundException("Deployment " + app + " has no pods");
        }
        return pods;
    }

    private Loggable resource(AppRef app, String pod, Integer tail, Integer sinceSeconds) {
        PodResource r = client.pods().inNamespace(app.namespace()).withName(pod);
        if (sinceSeconds != null && tail != null) {
            return r.sinceSeconds(sinceSeconds).tailingLines(tail);
        }
        if (sinceSeconds != null) {
            return r.sinceSeconds(sinceSeconds);
        }
        return tail != null ? r.tailingLines(tail) : r;
    }
}
