package io.rpik8s.monitoring.sidecar;

import io.fabric8.kubernetes.api.model.Pod;
import io.quarkus.security.identity.SecurityIdentity;
import io.rpik8s.commons.problem.ApiProblem;
import io.rpik8s.model.api.ProblemType;
import io.rpik8s.model.plugin.AppLabels;
import io.rpik8s.model.plugin.AppRef;
import io.rpik8s.monitoring.kube.ClusterCache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;

/**
 * Which app a sidecar may speak for: the app of the pod its token is bound to, read from the cluster cache (the
 * pod's {@code rpi-k8s.io/app} label), provided the pod runs under the token's service account. Anything else is
 * refused with 403, so a pod can neither read nor report for another app.
 */
@ApplicationScoped
public class SidecarApps {

    private final ClusterCache cluster;

    public SidecarApps(ClusterCache cluster) {
        this.cluster = cluster;
    }

    /** The caller, once it is known to speak for {@code app}; else a 403 problem saying why. */
    public SidecarCaller require(SecurityIdentity identity, AppRef app) {
        SidecarCaller caller = identity.getAttribute(SidecarCaller.ATTRIBUTE);
        if (caller == null) {
            throw refused("only a sidecar's service-account token may use the sidecar API");
        }
        if (caller.pod() == null) {
            throw refused("the token of " + caller.username() + " is bound to no pod: mount a projected "
                    + "service-account token (serviceAccountToken volume) into the sidecar");
        }
        Pod pod = cluster.pod(caller.namespace(), caller.pod()).orElseThrow(() -> refused("pod "
                + caller.namespace() + "/" + caller.pod() + " is not known to the platform"));
        String account = Objects.requireNonNullElse(pod.getSpec().getServiceAccountName(), "default");
        String appOfPod = AppLabels.appOf(pod.getMetadata().getLabels());
        if (!account.equals(caller.serviceAccount()) || !caller.namespace().equals(app.namespace())
                || !app.name().equals(appOfPod)) {
            throw refused("the sidecar of pod " + caller.namespace() + "/" + caller.pod() + " speaks for "
                    + (appOfPod == null ? "no app" : "app " + caller.namespace() + "/" + appOfPod) + ", not "
                    + app.namespace() + "/" + app.name());
        }
        return caller;
    }

    private static ApiProblem refused(String detail) {
        return new ApiProblem(ProblemType.FORBIDDEN, detail);
    }
}
