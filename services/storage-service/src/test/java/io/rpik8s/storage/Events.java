package io.rpik8s.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.rpik8s.model.events.EventSchemas;
import io.rpik8s.model.events.Topics;
import io.rpik8s.testsupport.EventProbe;
import io.rpik8s.testsupport.ReceivedEvent;
import java.util.function.Predicate;

/** Waits for an event on platform.storage and checks it against its JSON Schema and CloudEvents headers. */
final class Events {

    private static EventProbe probe;

    private Events() {
    }

    static synchronized EventProbe probe() {
        if (probe == null) {
            probe = EventProbe.on(Topics.STORAGE);
        }
        return probe;
    }

    static ReceivedEvent awaitValid(String type, Predicate<ReceivedEvent> condition) {
        ReceivedEvent event = probe().await(type, condition);
        assertThat(EventSchemas.validate(event.value())).as("schema errors of " + event.value()).isEmpty();
        assertThat(event.header("ce_source")).isEqualTo("/rpi-k8s-platform/storage-service");
        assertThat(event.topic()).isEqualTo(Topics.STORAGE);
        return event;
    }
}
