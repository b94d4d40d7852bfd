package io.rpik8s.monitoring.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

/**
 * A rule's condition holding now for one subject, as the rules see it in one evaluation.
 *
 * @param rule      rule name, e.g. {@code NodeTemperatureHigh}
 * @param severity  critical, warning or info
 * @param subject   e.g. {@code node/pi-worker-1}
 * @param value     observed value, when numeric
 * @param threshold configured threshold, when numeric
 * @param message   human-readable description
 * @param labels    node, namespace, service...
 * @param holdFor   how long the condition must hold before the alert fires
 */
public record AlertCondition(String rule, String severity, String subject, Double value, Double threshold,
        String message, Map<String, String> labels, Duration holdFor) {

    /** Stable identity: the same rule on the same subject always gives the same fingerprint. */
    public String fingerprint() {
        return fingerprintOf(rule, subject);
    }

    public static String fingerprintOf(String rule, String subject) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((rule + "\u0000" + subject).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
