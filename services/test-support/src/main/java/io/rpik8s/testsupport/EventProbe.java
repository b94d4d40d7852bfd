package io.rpik8s.testsupport;

import io.rpik8s.dev.embedded.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Listens on platform topics from the moment it is opened and keeps what arrives, so a test can wait for the events
 * its actions cause. Independent of the service's own consumers (no consumer group).
 */
public final class EventProbe implements AutoCloseable {

    private final List<ReceivedEvent> received = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean open = true;

    private EventProbe(String bootstrapServers, List<String> topics) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        poller = new Thread(() -> {
            try (consumer) {
                while (open) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                        received.add(new ReceivedEvent(r.topic(), r.key(), headersOf(r), r.value()));
                    }
                }
            }
        }, "event-probe");
        poller.setDaemon(true);
        poller.start();
    }

    /** Starts listening on {@code topics} of the shared broker. */
    public static EventProbe on(String... topics) {
        return new EventProbe(EmbeddedKafka.shared().bootstrapServers(), List.of(topics));
    }

    public static EventProbe on(String bootstrapServers, List<String> topics) {
        return new EventProbe(bootstrapServers, topics);
    }

    /** Waits (up to 20 s) for an event of {@code type} matching {@code condition} and returns it. */
    public ReceivedEvent await(String type, Predicate<ReceivedEvent> condition) {
        return await(type, condition, Duration.ofSeconds(20));
    }

    public ReceivedEvent await(String type, Predicate<ReceivedEvent> condition, Duration timeout) {
        Predicate<ReceivedEvent> match = e -> type.equals(e.type()) && condition.test(e);
        return org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50))
                .until(() -> received.stream().filter(match).findFirst(), Optional::isPresent).get();
    }

    /** Everything received so far. */
    public List<ReceivedEvent> received() {
        return List.copyOf(received);
    }

    /** Received events of {@code type}. */
    public List<ReceivedEvent> ofType(String type) {
        return received.stream().filter(e -> type.equals(e.type())).toList();
    }

    @Override
    public void close() {
        open = false;
        try {
            poller.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> headersOf(ConsumerRecord<String, String> r) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
