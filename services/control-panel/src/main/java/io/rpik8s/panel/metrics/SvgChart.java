package io.rpik8s.panel.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Draws a Prometheus {@code query_range} matrix as an SVG line chart. */
final class SvgChart {

    private static final String[] COLORS = {"#c51a4a", "#1a5fb4", "#1e7d3a", "#9a6700", "#6d28d9", "#0e7490",
        "#be185d", "#4d7c0f"};
    private static final int WIDTH = 720;
    private static final int HEIGHT = 220;
    private static final int LEFT = 56;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 28;
    private static final int MAX_SERIES = COLORS.length;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private SvgChart() {
    }

    static Chart draw(String title, String query, JsonNode answer, long start, long end) {
        JsonNode result = answer.path("data").path("result");
        if (!result.isArray() || result.isEmpty()) {
            return new Chart(title, query, "", List.of(), "No data for this query in the last hour.");
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (JsonNode series : result) {
            for (JsonNode point : series.path("values")) {
                double v = point.path(1).asDouble(Double.NaN);
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (!Double.isFinite(min)) {
            return new Chart(title, query, "", List.of(), "No numeric values in the answer.");
        }
        if (max - min < 1e-9) {
            max = max + 1;
            min = min - 1;
        }
        double pad = (max - min) * 0.08;
        min -= pad;
        max += pad;
        StringBuilder svg = new StringBuilder(4096);
        svg.append(String.format(Locale.ROOT, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
                WIDTH, HEIGHT, escape(title)));
        axes(svg, min, max, start, end);
        List<Chart.LegendEntry> legend = new ArrayList<>();
        int i = 0;
        for (JsonNode series : result) {
            if (i == MAX_SERIES) {
                break;
            }
            String color = COLORS[i++];
            legend.add(new Chart.LegendEntry(label(series.path("metric")), color));
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(color).append("\" points=\"");
            for (JsonNode point : series.path("values")) {
                double v = point.path(1).asDouble(Double.NaN);
                if (Double.isFinite(v)) {
                    svg.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(point.path(0).asDouble(), start, end),
                            y(v, min, max)));
                }
            }
            svg.append("\"/>");
        }
        svg.append("</svg>");
        String more = result.size() > MAX_SERIES ? "Showing " + MAX_SERIES + " of " + result.size() + " series." : null;
        return new Chart(title, query, svg.toString(), legend, more);
    }

    private static void axes(StringBuilder svg, double min, double max, long start, long end) {
        for (int step = 0; step <= 4; step++) {
            double v = min + (max - min) * step / 4;
            double yy = y(v, min, max);
            svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>",
                    LEFT, WIDTH - RIGHT, yy, yy));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                    LEFT - 6, yy + 4, number(v)));
        }
        for (int step = 0; step <= 4; step++) {
            long t = start + (end - start) * step / 4;
            String anchor = step == 0 ? "start" : step == 4 ? "end" : "middle";
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s</text>",
                    x(t, start, end), HEIGHT - 8, anchor, CLOCK.format(Instant.ofEpochSecond(t))));
        }
    }

    private static double x(double t, long start, long end) {
        return LEFT + (t - start) / Math.max(1, end - start) * (WIDTH - LEFT - RIGHT);
    }

    private static double y(double v, double min, double max) {
        return TOP + (1 - (v - min) / (max - min)) * (HEIGHT - TOP - BOTTOM);
    }

    private static String number(double v) {
        double a = Math.abs(v);
        if (a >= 1e9) {
            return String.format(Locale.ROOT, "%.1fG", v / 1e9);
        }
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.1fM", v / 1e6);
        }
        if (a >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        return a >= 10 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String label(JsonNode metric) {
        StringBuilder b = new StringBuilder();
        Iterator<Map.Entry<String, JsonNode>> fields = metric.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (!f.getKey().equals("__name__") && !f.getKey().equals("job") && !f.getKey().equals("instance")) {
                b.append(b.isEmpty() ? "" : ", ").append(f.getKey()).append('=').append(f.getValue().asText());
            }
        }
        return b.isEmpty() ? metric.path("__name__").asText("value") : b.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
