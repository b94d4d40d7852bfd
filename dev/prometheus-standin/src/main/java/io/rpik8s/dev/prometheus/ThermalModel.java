package io.rpik8s.dev.prometheus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Simulated SoC temperatures and {@code get_throttled} bits of the Pi nodes, as deterministic functions of time
 * (so instant and range queries agree). Temperatures drift around 45-65 °C; one node periodically heats above
 * 80 °C (soft temperature limit, frequency capped, throttled) for about a minute and a half, then cools; another
 * has occasional under-voltage. Bits 16-19 are the "has occurred since boot" copies of bits 0-3.
 */
public final class ThermalModel {

    /** The cycle of the hot node: heat-up starts 20 s after launch so alerts fire within a couple of minutes. */
    static final Duration HOT_CYCLE = Duration.ofSeconds(300);
    static final int HEAT_START = 20;
    static final int HOT_FROM = 50;
    static final int HOT_UNTIL = 150;
    static final int COOL_UNTIL = 190;

    private final Instant boot;
    private final List<String> nodes;

    public ThermalModel(Instant boot, List<String> nodes) {
        this.boot = boot;
        this.nodes = nodes;
    }

    public List<String> nodes() {
        return nodes;
    }

    String hotNode() {
        return nodes.size() > 2 ? nodes.get(2) : nodes.get(nodes.size() - 1);
    }

    String underVoltageNode() {
        return nodes.size() > 3 ? nodes.get(3) : nodes.get(0);
    }

    public double temperature(String node, Instant at) {
        int index = Math.max(0, nodes.indexOf(node));
        double t = at.getEpochSecond() + at.getNano() / 1e9;
        double base = 49 + 3 * index % 7;
        double drift = 5 * Math.sin(t / 173.0 + index) + 2.5 * Math.sin(t / 41.0 + 2 * index) + 0.8 * Math.sin(t / 7.3 + index);
        double value = base + drift;
        if (node.equals(hotNode())) {
            double phase = cyclePhase(at);
            double hot = 83.5 + 1.2 * Math.sin(t / 9.0);
            if (phase >= HEAT_START && phase < HOT_FROM) {
                value += (hot - value) * (phase - HEAT_START) / (HOT_FROM - HEAT_START);
            } else if (phase >= HOT_FROM && phase < HOT_UNTIL) {
                value = hot;
            } else if (phase >= HOT_UNTIL && phase < COOL_UNTIL) {
                value = hot + (value - hot) * (phase - HOT_UNTIL) / (COOL_UNTIL - HOT_UNTIL);
            }
        }
        return Math.round(Math.min(90, Math.max(35, value)) * 1000) / 1000.0;
    }

    /** The {@code get_throttled} bitmask at {@code at}. */
    public int throttled(String node, Instant at) {
        int now = 0;
        double temp = temperature(node, at);
        if (temp >= 80) {
            now |= 0x8; // soft temperature limit active
            now |= 0x2; // ARM frequency capped
        }
        if (temp >= 82) {
            now |= 0x4; // currently throttled
        }
        if (node.equals(underVoltageNode()) && underVoltage(at)) {
            now |= 0x1;
        }
        return now | (occurredSinceBoot(node, at) << 16);
    }

    private int occurredSinceBoot(String node, Instant at) {
        long elapsed = Duration.between(boot, at).toSeconds();
        int occurred = 0;
        if (node.equals(hotNode()) && elapsed >= HOT_FROM - 5) {
            occurred |= 0xE;
        }
        if (node.equals(underVoltageNode()) && elapsed >= 70) {
            occurred |= 0x1;
        }
        return occurred;
    }

    /** Under-voltage for 20 s every 4 minutes, first at 70 s after launch. */
    private boolean underVoltage(Instant at) {
        long elapsed = Duration.between(boot, at).toSeconds();
        return elapsed >= 70 && (elapsed - 70) % 240 < 20;
    }

    private double cyclePhase(Instant at) {
        double elapsed = Duration.between(boot, at).toMillis() / 1000.0;
        if (elapsed < 0) {
            return -1;
        }
        return elapsed % HOT_CYCLE.toSeconds();
    }
}
