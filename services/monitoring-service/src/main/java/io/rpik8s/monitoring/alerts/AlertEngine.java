package io.rpik8s.monitoring.alerts;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.scheduler.Scheduled;
import io.rpik8s.model.events.AlertPayload;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.EventTypes;
import io.rpik8s.model.events.PlatformEvent;
import io.rpik8s.monitoring.config.MonitoringConfig;
import io.rpik8s.monitoring.stream.LiveUpdate;
import io.rpik8s.monitoring.stream.LiveUpdates;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Evaluates the rules on a schedule and turns conditions into alerts: a condition fires once it has held for its
 * rule's duration, and resolves once it has been clear for {@code clear-for}; a condition that comes back within that
 * window is the same alert (no flapping duplicates).
 */
@ApplicationScoped
public class AlertEngine {

    private static final Logger LOG = Logger.getLogger(AlertEngine.class);
    static final String SERVICE = "monitoring-service";

    private final AlertRules rules;
    private final AlertStore store;
    private final LiveUpdates updates;
    private final Duration clearFor;
    private final Map<String, Instant> pendingSince = new HashMap<>();
    private final Map<String, AlertView> firing = new ConcurrentHashMap<>();
    private final Map<String, Instant> clearSince = new HashMap<>();
    private volatile boolean loaded;

    public AlertEngine(AlertRules rules, AlertStore store, LiveUpdates updates, MonitoringConfig config) {
        this.rules = rules;
        this.store = store;
        this.updates = updates;
        this.clearFor = config.alerts().clearFor();
    }

    /** Alerts firing now. */
    public List<AlertView> active() {
        return List.copyOf(firing.values());
    }

    @Scheduled(every = "${platform.monitoring.alerts.evaluation-interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return evaluate().onFailure().invoke(e -> LOG.warnf("Alert evaluation failed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    @WithSpan("AlertEngine.evaluate")
    Uni<Void> evaluate() {
        Uni<Void> ready = loaded ? Uni.createFrom().voidItem() : store.firing().invoke(list -> {
            list.forEach(a -> firing.put(a.fingerprint(), a));
            loaded = true;
        }).replaceWithVoid();
        return ready.chain(this::step);
    }

    private Uni<Void> step() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Map<String, AlertCondition> holding = rules.evaluate(firing.keySet()).stream()
                .collect(Collectors.toMap(AlertCondition::fingerprint, Function.identity(), (a, b) -> a));
        List<Uni<Void>> changes = new ArrayList<>();
        pendingSince.keySet().retainAll(holding.keySet());
        holding.forEach((fp, c) -> {
            clearSince.remove(fp);
            if (firing.containsKey(fp)) {
                return;
            }
            Instant since = pendingSince.computeIfAbsent(fp, k -> now);
            if (!since.plus(c.holdFor()).isAfter(now)) {
                pendingSince.remove(fp);
                changes.add(fire(c, now));
            }
        });
        for (String fp : List.copyOf(firing.keySet())) {
            if (holding.containsKey(fp)) {
                continue;
            }
            Instant since = clearSince.computeIfAbsent(fp, k -> now);
            if (!since.plus(clearFor).isAfter(now)) {
                clearSince.remove(fp);
                changes.add(resolve(firing.get(fp), now));
            }
        }
        return changes.isEmpty() ? Uni.createFrom().voidItem()
                : Multi.createFrom().iterable(changes).onItem().transformToUniAndConcatenate(u -> u).collect().last()
                        .replaceWithVoid();
    }

    private Uni<Void> fire(AlertCondition c, Instant now) {
        AlertView alert = new AlertView(c.fingerprint(), c.rule(), c.severity(), "firing", c.subject(), c.value(),
                c.threshold(), c.message(), c.labels(), now, null);
        firing.put(alert.fingerprint(), alert);
        return store.fired(alert, envelope(EventTypes.ALERT_FIRING, alert))
                .invoke(() -> updates.push(new LiveUpdate("alert", "firing", alert)))
                .onFailure().invoke(e -> firing.remove(alert.fingerprint()));
    }

    private Uni<Void> resolve(AlertView was, Instant now) {
        AlertView alert = new AlertView(was.fingerprint(), was.rule(), was.severity(), "resolved", was.subject(),
                was.value(), was.threshold(), was.message(), was.labels(), was.startsAt(), now);
        firing.remove(was.fingerprint());
        return store.resolved(alert, envelope(EventTypes.ALERT_RESOLVED, alert))
                .invoke(() -> updates.push(new LiveUpdate("alert", "resolved", alert)))
                .onFailure().invoke(e -> firing.put(was.fingerprint(), was));
    }

    private static EventEnvelope envelope(String type, AlertView a) {
        return EventEnvelope.of(SERVICE, PlatformEvent.alert(type, new AlertPayload(a.fingerprint(), a.rule(),
                a.severity(), a.status(), a.subject(), a.value(), a.threshold(), a.message(), a.labels(),
                a.startsAt(), a.endsAt())));
    }
}
