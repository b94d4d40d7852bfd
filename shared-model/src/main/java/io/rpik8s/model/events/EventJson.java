package io.rpik8s.model.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The one JSON mapping of event data: ISO-8601 timestamps, unknown fields tolerated for forward compatibility. */
public final class EventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EventJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(PlatformEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Event data cannot be serialised: " + event.event(), e);
        }
    }

    public static PlatformEvent read(String json) {
        try {
            return MAPPER.readValue(json, PlatformEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Not platform event data: " + e.getMessage(), e);
        }
    }

    public static PlatformEvent read(byte[] json) {
        try {
            return MAPPER.readValue(json, PlatformEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Not platform event data", e);
        }
    }
}
