package io.rpik8s.examples.events.kafka;

import io.rpik8s.examples.events.config.EventsAppConfig;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

// tag::replay[]
/** With {@code events-app.replay-from} set, every assigned partition starts at the first record from that time. */
@ApplicationScoped
@Identifier("replay-from")
public class ReplayFrom implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(ReplayFrom.class);

    private final EventsAppConfig config;

    public ReplayFrom(EventsAppConfig config) {
        this.config = config;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        config.replayFrom().ifPresent(from -> {
            Map<TopicPartition, Long> at = partitions.stream()
                    .collect(Collectors.toMap(Function.identity(), p -> from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(at);
            offsets.forEach((partition, offset) -> {
                // null: nothing that recent on this partition, so start after its last record
                long position = offset != null ? offset.offset() : consumer.endOffsets(java.util.List.of(partition))
                        .get(partition);
                LOG.infof("Replaying %s from offset %d (%s)", partition, position, from);
                consumer.seek(partition, position);
            });
        });
    }
}
// end::replay[]
