package io.rpik8s.localrun.tracing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The spans of the most recent traces the services exported, grouped by trace, for {@code GET /traces}. */
public final class RecentTraces {

    /** Traces kept; the services' scheduled jobs alone make a few single-span traces a second. */
    private static final int MAX_TRACES = 2000;
    private static final int MAX_SPANS_PER_TRACE = 500;
    /**
     * Spans kept in all: a busy local run exports hundreds of spans a second, each with its attributes (URLs, SQL),
     * and 2,000 traces of a page load each held the launcher's heap full (about 170 MiB of strings).
     */
    private static final int MAX_SPANS = 20_000;
    /** Traces listed by {@code GET /traces}. */
    private static final int LISTED = 200;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, List<OtlpSpans.Span>> traces = new LinkedHashMap<>();
    private int spanCount;

    public synchronized void add(List<OtlpSpans.Span> spans) {
        for (OtlpSpans.Span s : spans) {
            List<OtlpSpans.Span> trace = traces.computeIfAbsent(s.traceId(), id -> new ArrayList<>());
            if (trace.size() < MAX_SPANS_PER_TRACE) {
                trace.add(s);
                spanCount++;
            }
        }
        while (traces.size() > 1 && spanCount > MAX_SPANS) {
            spanCount -= traces.remove(traces.keySet().iterator().next()).size();
        }
        while (traces.size() > MAX_TRACES) {
            // The oldest single-span trace goes first (a scheduled job, a probe), so that a request that crossed
            // services stays longer; else the oldest.
            String victim = traces.entrySet().stream().filter(e -> e.getValue().size() == 1).map(Map.Entry::getKey)
                    .findFirst().orElse(traces.keySet().iterator().next());
            spanCount -= traces.remove(victim).size();
        }
    }

    public synchronized int size() {
        return traces.size();
    }

    /** Spans kept in all traces. */
    public synchronized int spans() {
        return spanCount;
    }

    /** The newest traces first: id, root span, services, span count, start and duration. */
    public synchronized String list() {
        ArrayNode out = json.createArrayNode();
        List<Map.Entry<String, List<OtlpSpans.Span>>> newestFirst = new ArrayList<>(traces.entrySet());
        newestFirst.sort(Comparator.comparingLong((Map.Entry<String, List<OtlpSpans.Span>> e) -> start(e.getValue()))
                .reversed());
        for (Map.Entry<String, List<OtlpSpans.Span>> e : newestFirst.subList(0, Math.min(LISTED, newestFirst.size()))) {
            List<OtlpSpans.Span> spans = e.getValue();
            OtlpSpans.Span root = spans.stream().filter(s -> s.parentSpanId().isEmpty()).findFirst()
                    .orElse(spans.get(0));
            ObjectNode t = out.addObject();
            t.put("traceId", e.getKey());
            t.put("root", root.service() + ": " + root.name());
            t.put("spans", spans.size());
            t.putPOJO("services", new TreeSet<>(spans.stream().map(OtlpSpans.Span::service).toList()));
            t.put("start", Instant.ofEpochSecond(0, start(spans)).toString());
            t.put("durationMicros", (end(spans) - start(spans)) / 1000);
        }
        return out.toString();
    }

    /** One trace's spans in start order, or empty when it is not (or no longer) kept. */
    public synchronized Optional<String> trace(String traceId) {
        List<OtlpSpans.Span> spans = traces.get(traceId);
        if (spans == null) {
            return Optional.empty();
        }
        ArrayNode out = json.createArrayNode();
        spans.stream().sorted(Comparator.comparingLong(OtlpSpans.Span::startNanos)).forEach(s -> {
            ObjectNode n = out.addObject();
            n.put("spanId", s.spanId());
            n.put("parentSpanId", s.parentSpanId());
            n.put("service", s.service());
            n.put("name", s.name());
            n.put("start", Instant.ofEpochSecond(0, s.startNanos()).toString());
            n.put("durationMicros", s.durationMicros());
            n.putPOJO("attributes", s.attributes());
        });
        return Optional.of(out.toString());
    }

    private static long start(List<OtlpSpans.Span> spans) {
        return spans.stream().mapToLong(OtlpSpans.Span::startNanos).min().orElse(0);
    }

    private static long end(List<OtlpSpans.Span> spans) {
        return spans.stream().mapToLong(OtlpSpans.Span::endNanos).max().orElse(0);
    }
}
