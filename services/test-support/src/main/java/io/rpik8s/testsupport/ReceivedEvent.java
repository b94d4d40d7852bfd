package io.rpik8s.testsupport;

import io.rpik8s.model.events.EventJson;
import io.rpik8s.model.events.PlatformEvent;
import java.util.Map;

/**
 * A record consumed from a platform topic: its headers (last value of each), key, raw JSON value and parsed data.
 */
public record ReceivedEvent(String topic, String key, Map<String, String> headers, String value) {

    public PlatformEvent data() {
        return EventJson.read(value);
    }

    public String header(String name) {
        return headers.get(name);
    }

    public String type() {
        return headers.getOrDefault("ce_type", data().event());
    }
}
