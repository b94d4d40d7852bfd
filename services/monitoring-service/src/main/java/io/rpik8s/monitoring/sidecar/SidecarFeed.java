package io.rpik8s.monitoring.sidecar;

import io.fabric8.kubernetes.api.model.Pod;
import io.rpik8s.model.events.AlertPayload;
import io.rpik8s.model.events.EventJson;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.model.events.PlatformEvent;
import io.rpik8s.model.plugin.AppLabels;
import io.rpik8s.model.plugin.AppRef;
import io.rpik8s.monitoring.alerts.AlertView;
import io.rpik8s.monitoring.kube.ClusterCache;
import io.rpik8s.monitoring.stream.LiveUpdate;
import io.rpik8s.monitoring.stream.LiveUpdates;
import io.rpik8s.monitoring.timeline.TimelineEntry;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The events of one app, cut from the live updates the control panel's stream shows: its deployment events (as
 * consumed from {@code platform.deployments}) and the alerts about its pods.
 */
@ApplicationScoped
public class SidecarFeed {

    private final LiveUpdates updates;
    private final ClusterCache cluster;

    public SidecarFeed(LiveUpdates updates, ClusterCache cluster) {
        this.updates = updates;
        this.cluster = cluster;
    }

    /** Every event of {@code app} from now on. */
    public Multi<AppEvent> of(AppRef app) {
        return updates.subscribe().map(u -> eventOf(u, app)).filter(Optional::isPresent).map(Optional::get);
    }

    /** Empty for updates about anything else (a Multi cannot carry nulls). */
    private Optional<AppEvent> eventOf(LiveUpdate update, AppRef app) {
        if (update.data() instanceof TimelineEntry entry) {
            PlatformEvent data = EventJson.mapper().convertValue(entry.data(), PlatformEvent.class);
            return app.toString().equals(data.subject()) ? Optional.of(new AppEvent(entry.id(), data))
                    : Optional.empty();
        }
        if (update.data() instanceof AlertView alert && isAbout(alert, app)) {
            String type = "resolved".equals(alert.status()) ? EventTypes.ALERT_RESOLVED : EventTypes.ALERT_FIRING;
            return Optional.of(new AppEvent(alert.fingerprint() + "-" + alert.status(), PlatformEvent.alert(type,
                    new AlertPayload(alert.fingerprint(), alert.rule(), alert.severity(), alert.status(),
                            alert.subject(), alert.value(), alert.threshold(), alert.message(), alert.labels(),
                            alert.startsAt(), alert.endsAt()))));
        }
        return Optional.empty();
    }

    /** Alerts name their pod as {@code pod/<namespace>/<name>}; the pod's app label says whose it is. */
    private boolean isAbout(AlertView alert, AppRef app) {
        String prefix = "pod/" + app.namespace() + "/";
        if (alert.subject() == null || !alert.subject().startsWith(prefix)) {
            return false;
        }
        return cluster.pod(app.namespace(), alert.subject().substring(prefix.length()))
                .map(Pod::getMetadata).map(m -> app.name().equals(AppLabels.appOf(m.getLabels())))
                .orElse(false);
    }
}
