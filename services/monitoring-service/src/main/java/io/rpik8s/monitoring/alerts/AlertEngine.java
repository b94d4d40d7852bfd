package io.rpik8s.monitoring.alerts;

import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.scheduler.Scheduled;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The built-in engine, on only when {@code platform.monitoring.alerts.source} is {@code built-in}.
 * Evaluates the rules on a schedule and turns conditions into alerts: a condition fires once it has held for its
 * rule's duration, and resolves once it has been clear for {@code clear-for}; a condition that comes back within that
 * window is the same alert (no flapping duplicates).
 */
@ApplicationScoped
public class AlertEngine {

    private static final Logger LOG = Logger.getLogger(AlertEngine.class);

    private final AlertRules rules;
    private final AlertStore store;
    private final LiveUpdates updates;
    private final Duration clearFor;
    private final Map<String, Instant> pendingSince = new HashMap<>();
    private final Map<String, AlertView> firing = new ConcurrentHashMap<>();
    private final Map<String, Instant> clearSince = new HashMap<>();
    /** Rule name of each pending fingerprint, for {@code GET /alerts/rules} (read off the scheduler thread). */
    private final Map<String, String> pendingRules = new ConcurrentHashMap<>();
    private final boolean enabled;
    private volatile boolean loaded;

    public AlertEngine(AlertRules rules, AlertStore store, LiveUpdates updates, MonitoringConfig config) {
        this.rules = rules;
        this.store = store;
        this.updates = updates;
        this.clearFor = config.alerts().clearFor();
        this.enabled = config.alerts().source() == MonitoringConfig.AlertSource.BUILT_IN;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Names of the rules with a condition holding but not yet for long enough. */
    public Set<String> pendingRules() {
        return Set.copyOf(pendingRules.values());
    }

    /** Alerts firing now. */
    public List<AlertView> active() {
        return List.copyOf(firing.values());
    }

    @Scheduled(every = "${platform.monitoring.alerts.evaluation-interval:5s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
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
        pendingRules.keySet().retainAll(holding.keySet());
        holding.forEach((fp, c) -> {
            clearSince.remove(fp);
            if (firing.containsKey(fp)) {
                return;
            }
            Instant since = pendingSince.computeIfAbsent(fp, k -> now);
            pendingRules.put(fp, c.rule());
            if (!since.plus(c.holdFor()).isAfter(now)) {
                pendingSince.remove(fp);
                pendingRules.remove(fp);
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
        return store.fired(alert, AlertEvents.firing(alert))
                .invoke(() -> updates.push(new LiveUpdate("alert", "firing", alert)))
                .onFailure().invoke(e -> firing.remove(alert.fingerprint()));
    }

    private Uni<Void> resolve(AlertView was, Instant now) {
        AlertView alert = new AlertView(was.fingerprint(), was.rule(), was.severity(), "resolved", was.subject(),
                was.value(), was.threshold(), was.message(), was.labels(), was.startsAt(), now);
        firing.remove(was.fingerprint());
        return store.resolved(alert, AlertEvents.resolved(alert))
                .invoke(() -> updates.push(new LiveUpdate("alert", "resolved", alert)))
                .onFailure().invoke(e -> firing.put(was.fingerprint(), was));
    }
}
