package io.rpik8s.examples.events;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.rpik8s.model.events.CloudEventHeaders;
import io.rpik8s.model.events.DeploymentPayload;
import io.rpik8s.model.events.EventEnvelope;
import io.rpik8s.model.events.EventJson;
import io.rpik8s.model.events.PlatformEvent;
import io.rpik8s.model.events.Topics;
import io.rpik8s.dev.embedded.EmbeddedKafka;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** The real broker with the platform's topics, and a producer that writes events as the platform's services do. */
public class PlatformKafka implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        EmbeddedKafka kafka = EmbeddedKafka.shared();
        kafka.createTopics(Topics.DEPLOYMENTS);
        return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers());
    }

    @Override
    public void stop() {
    }

    static EventEnvelope deployment(String type, String namespace, String name, Integer replicas, String image) {
        return EventEnvelope.of("deployment-service", PlatformEvent.deployment(type,
                DeploymentPayload.of(name, namespace, replicas, image), "alice"));
    }

    /** Publishes an event in CloudEvents binary mode, keyed by app, at the given record time. */
    static void publish(EventEnvelope event, String traceparent, Instant at) {
        send(event, EventJson.write(event.data()), traceparent, at);
    }

    /** Publishes the event's headers with {@code value} as the record value, e.g. one that is not event data. */
    static void publishRaw(EventEnvelope event, String value) {
        send(event, value, null, Instant.now());
    }

    private static void send(EventEnvelope event, String value, String traceparent, Instant at) {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.shared().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            var record = new ProducerRecord<>(Topics.DEPLOYMENTS, null, at.toEpochMilli(), event.subject(), value);
            header(record, CloudEventHeaders.SPEC_VERSION, "1.0");
            header(record, CloudEventHeaders.ID, event.id());
            header(record, CloudEventHeaders.TYPE, event.type());
            header(record, CloudEventHeaders.SOURCE, event.source().toString());
            header(record, CloudEventHeaders.SUBJECT, event.subject());
            header(record, CloudEventHeaders.TIME, event.time().toString());
            header(record, CloudEventHeaders.CONTENT_TYPE, "application/json");
            if (traceparent != null) {
                header(record, CloudEventHeaders.TRACEPARENT, traceparent);
            }
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Publishing " + event.type() + " failed", e);
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
