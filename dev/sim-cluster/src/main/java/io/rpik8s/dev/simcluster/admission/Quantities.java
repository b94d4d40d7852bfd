package io.rpik8s.dev.simcluster.admission;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes resource quantities ({@code 100m}, {@code 64Mi}, {@code 1e3}): parsed as the API server parses them. */
final class Quantities {

    static final String FORMAT = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";
    private static final Pattern QUANTITY = Pattern.compile(FORMAT);
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("", BigDecimal.ONE), Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")), Map.entry("k", new BigDecimal("1e3")),
            Map.entry("M", new BigDecimal("1e6")), Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")), Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")), Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
            Map.entry("Mi", BigDecimal.valueOf(1L << 20)), Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
            Map.entry("Ti", BigDecimal.valueOf(1L << 40)), Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
            Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

    private Quantities() {
    }

    /** The quantity's value, or empty when the API server could not decode it. */
    static Optional<BigDecimal> parse(String text) {
        Matcher m = QUANTITY.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            BigDecimal number = new BigDecimal(m.group(1));
            String suffix = m.group(2);
            if (suffix.matches("[eE][-+]?[0-9]+")) {
                return Optional.of(number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1))));
            }
            BigDecimal factor = SUFFIXES.get(suffix);
            return factor == null ? Optional.empty() : Optional.of(number.multiply(factor));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
