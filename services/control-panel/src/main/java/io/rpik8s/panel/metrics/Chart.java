package io.rpik8s.panel.metrics;

import java.util.List;

/**
 * A line chart drawn on the server as SVG (no chart script in the browser).
 *
 * @param svg the SVG markup, empty when there is nothing to draw
 * @param legend one entry per series, in the color of its line
 * @param message why nothing is drawn (no data, or the query's error), else null
 */
public record Chart(String title, String query, String svg, List<LegendEntry> legend, String message) {

    /** A series' name and color. */
    public record LegendEntry(String label, String color) {
    }
}
