package io.rpik8s.monitoring.pi;

/**
 * The decoded {@code vcgencmd get_throttled} bitmask: bits 0-3 are conditions now, bits 16-19 the same conditions
 * since boot.
 *
 * @param raw the bitmask as read
 * @param now conditions present now
 * @param sinceBoot conditions that occurred since boot
 */
public record ThrottleState(long raw, Flags now, Flags sinceBoot) {

    /** The four Pi firmware conditions. */
    public record Flags(boolean underVoltage, boolean armFrequencyCapped, boolean throttled,
            boolean softTemperatureLimit) {

        static Flags of(long bits) {
            return new Flags((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0);
        }

        public boolean any() {
            return underVoltage || armFrequencyCapped || throttled || softTemperatureLimit;
        }
    }

    public static ThrottleState decode(long raw) {
        return new ThrottleState(raw, Flags.of(raw), Flags.of(raw >> 16));
    }
}
