package io.rpik8s.localrun.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.rpik8s.localrun.tracing.TraceSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recent events of each platform topic, read by a consumer of its own (no consumer group: it commits nothing
 * and takes nothing from the services), for {@code GET /events} and {@code GET /events/<topic>}.
 */
public final class EventLog implements AutoCloseable {

    /** Events kept per topic, and read back from each topic's end at the start (earlier runs' included). */
    static final int KEPT = 100;
    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Deque<ObjectNode>> recent = new LinkedHashMap<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread poller;
    private volatile boolean running = true;

    private EventLog(String bootstrapServers, List<String> topics) {
        topics.forEach(t -> recent.put(t, new ArrayDeque<>()));
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "local-run-event-log");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        poller = new Thread(this::poll, "local-run-event-log");
        poller.setDaemon(true);
    }

    /** Starts reading {@code topics} (the last {@value #KEPT} events of each, then what comes). */
    public static EventLog start(String bootstrapServers, List<String> topics) {
        EventLog log = new EventLog(bootstrapServers, topics);
        log.poller.start();
        return log;
    }

    private void poll() {
        try {
            List<TopicPartition> partitions = recent.keySet().stream()
                    .flatMap(t -> consumer.partitionsFor(t, Duration.ofSeconds(30)).stream()
                            .map(info -> new TopicPartition(t, info.partition())))
                    .toList();
            consumer.assign(partitions);
            consumer.endOffsets(partitions).forEach((tp, end) -> consumer.seek(tp, Math.max(0, end - KEPT)));
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    add(r);
                }
            }
        } catch (WakeupException e) {
            // Stopping.
        } catch (RuntimeException e) {
            LOG.warn("The event log stopped reading Kafka: {}", e.getMessage());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void add(ConsumerRecord<String, byte[]> r) {
        ObjectNode e = json.createObjectNode();
        e.put("offset", r.offset());
        e.put("time", Instant.ofEpochMilli(r.timestamp()).toString());
        e.put("key", r.key());
        // CloudEvents binary mode: the attributes travel as ce_* headers.
        for (Header h : r.headers()) {
            if (h.key().startsWith("ce_") && h.value() != null) {
                e.put(h.key().substring(3), new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        try {
            e.set("data", json.readTree(r.value()));
        } catch (IOException | RuntimeException notJson) {
            e.put("data", r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8));
        }
        synchronized (recent) {
            Deque<ObjectNode> events = recent.get(r.topic());
            events.addLast(e);
            while (events.size() > KEPT) {
                events.removeFirst();
            }
        }
    }

    /** {@code GET /events}: the topics with their recent events, newest last; {@code GET /events/<topic>}: one. */
    public void handle(HttpExchange exchange) throws IOException {
        String topic = exchange.getRequestURI().getPath().replaceFirst("^/events/?", "");
        ObjectNode out = json.createObjectNode();
        synchronized (recent) {
            if (!topic.isEmpty() && !recent.containsKey(topic)) {
                TraceSink.respond(exchange, 404, json.createObjectNode().put("title", "No such topic")
                        .put("detail", "the local run shows the topics " + recent.keySet()).toString());
                return;
            }
            recent.forEach((t, events) -> {
                if (topic.isEmpty() || topic.equals(t)) {
                    ArrayNode list = out.putArray(t);
                    events.forEach(list::add);
                }
            });
        }
        JsonNode body = topic.isEmpty() ? out : out.get(topic);
        TraceSink.respond(exchange, 200, body.toString());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        poller.join(3000);
    }
}
